using Microsoft.EntityFrameworkCore;
using Telephony.Core.Consent;

namespace Telephony.Data.Infrastructure;

/// <summary>SQLite flavour of the context: owns the migrations under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteTelephonyDbContext(DbContextOptions<SqliteTelephonyDbContext> options) : TelephonyDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no DateTimeOffset type: as text, EF Core refuses to translate ORDER BY and comparisons.
        // UTC ticks sort and compare correctly and round-trip exactly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>PostgreSQL flavour of the context: owns the migrations under <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresTelephonyDbContext(DbContextOptions<PostgresTelephonyDbContext> options) : TelephonyDbContext(options)
{
    /// <summary>The covering index that serves the monitoring windows of parent calls (<c>Metrics/README.md</c>).</summary>
    public const string ParentCallWindowIndex = "IX_Calls_CreatedAt_ParentCovering";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Calls and CallEvents are partitioned by month (Calls/CallPartitions.cs, docs/adr/0014-call-detail-retention.md).
        // The table's primary key is ("CallSid", "CreatedAt"), as a partitioned table's unique keys must hold its partition
        // key; the model keeps CallSid alone as the key, because a sid is unique (the CallSids table and the insert trigger
        // keep it so) and Find, tracking and the call rules address calls by sid. CreatedAt never changes once a call is
        // stored; as a concurrency token it joins the WHERE clause of every UPDATE and DELETE EF Core sends for a tracked
        // call, so PostgreSQL prunes the statement to the call's month instead of probing every month's key.
        builder.Entity<Calls.Call>().Property(c => c.CreatedAt).IsConcurrencyToken();

        // CallEvents' "Id" is filled by the sequence "CallEvents_Id_seq" (PostgreSQL 15 has no identity columns on a
        // partitioned table); the model still reads it back from the database as it would an identity. The model's
        // foreign key from CallEvents to Calls is not in the database either (it would have to name the call's month):
        // a trigger checks that an event's call exists, and the model keeps the key so that EF Core inserts a call
        // before its events.

        // Parent calls by CreatedAt with every column the monitoring windows read (CallFacts, consent, the join key):
        // an index-only scan instead of heap pages read at random (at 1,000,000 seeded calls a day's ~32,000 calls sit
        // on ~20,000 heap pages, about 1 s of a cold-ish Overview load).
        // PostgreSQL only (INCLUDE and partial index); SQLite reads by rowid through (ParentCallSid, CreatedAt).
        builder.Entity<Calls.Call>()
            .HasIndex(c => c.CreatedAt, ParentCallWindowIndex)
            .HasFilter("\"ParentCallSid\" IS NULL")
            .IncludeProperties(c => new
            {
                c.CallSid,
                c.EndedAt,
                c.TransferStartedAt,
                c.TransferAnsweredAt,
                c.DialCallStatus,
                c.DialCallDuration,
                c.ReachedVoicemail,
                c.RateLimited,
                c.Language,
                c.ConsentState,
            });
    }
}
