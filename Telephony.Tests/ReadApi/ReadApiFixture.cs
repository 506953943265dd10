using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Core.Calls;
using Telephony.Core.Consent;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Identity;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;
using Telephony.Tests.Web;
using Telephony.Web.Auth;

namespace Telephony.Tests.ReadApi;

/// <summary>
/// The app on one provider with 250 calls (two per minute, so pages split inside a tie), 30 voicemails, a Support user and a
/// user with no role; read-only, so the tests of a class share it.
/// </summary>
public abstract class ReadApiFixture : IAsyncLifetime
{
    public const string ApiKey = "read-api-test-key-0123456789";
    public const string SupportEmail = "support-read@test.local";
    public const string NoRoleEmail = "norole-read@test.local";
    public const int CallCount = 250;
    public const int VoicemailCount = 30;
    private const string Password = "Read-Api-Password-42";

    private TelephonyAppFactory? app;

    /// <summary>When the first call started (whole minutes, ten days ago: well inside every retention period).</summary>
    public DateTimeOffset Start { get; } = new(DateTimeOffset.UtcNow.AddDays(-10).UtcTicks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public TelephonyAppFactory App => app ?? throw new InvalidOperationException("Not started.");

    public HttpClient KeyClient { get; private set; } = null!;

    public HttpClient Support { get; private set; } = null!;

    public HttpClient NoRole { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public static string CallSid(int i) => $"CA{i:D32}";

    public static string RecordingSid(int j) => $"RE{j:D32}";

    public static string Caller(int i) => $"+1514555{i:D4}";

    public DateTimeOffset StartOf(int i) => Start.AddMinutes(i / 2);

    /// <summary>Voicemail <paramref name="j"/> was left on call 3j + 2 (a voicemail-routed call), 30 s after it started.</summary>
    public DateTimeOffset VoicemailAt(int j) => StartOf((3 * j) + 2).AddSeconds(30);

    public static CallStatus StatusOf(int i) => i % 5 == 0 ? CallStatus.NoAnswer : CallStatus.Completed;

    public static CallRoute RouteOf(int i) => (i % 3) switch { 0 => CallRoute.Sales, 1 => CallRoute.Support, _ => CallRoute.Voicemail };

    public static VoicemailState StateOf(int j) => (VoicemailState)(j % 4);

    public static AudioStatus AudioOf(int j) => j == VoicemailCount - 1 ? AudioStatus.Deleted : (AudioStatus)(j % 3);

    protected abstract Task<TelephonyAppFactory> CreateAppAsync();

    public async ValueTask InitializeAsync()
    {
        app = await CreateAppAsync();
        app.Settings["Bootstrap:ApiKey"] = ApiKey;
        var support = await app.CreateUserAsync(SupportEmail, Password, Roles.Support);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var created = await users.CreateAsync(new AppUser { UserName = NoRoleEmail, Email = NoRoleEmail, CreatedAt = DateTimeOffset.UtcNow }, Password);
            Assert.True(created.Succeeded);
        }

        await SeedAsync(support.Id);

        KeyClient = app.CreateClient();
        KeyClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        Anonymous = app.CreateClient();
        Support = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(Support, SupportEmail, Password);
        NoRole = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(NoRole, NoRoleEmail, Password);
    }

    private async Task SeedAsync(string supportUserId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < CallCount; i++)
        {
            var at = StartOf(i);
            db.Calls.Add(new Call
            {
                CallSid = CallSid(i), ParentCallSid = i % 10 == 1 ? CallSid(i - 1) : null, Direction = i % 10 == 1 ? "outbound-dial" : "inbound",
                From = Caller(i), To = "+15145550100", Status = StatusOf(i), Route = RouteOf(i), ConsentState = ConsentState.Granted,
                CreatedAt = at, AnsweredAt = at.AddSeconds(5), EndedAt = at.AddSeconds(65), UpdatedAt = at.AddSeconds(65), DurationSeconds = 65,
            });
        }

        db.CallEvents.AddRange(
            new CallEvent { CallSid = CallSid(0), Kind = "created", Detail = "front door", OccurredAt = StartOf(0) },
            new CallEvent { CallSid = CallSid(0), Kind = "menu", Detail = "pressed 1", OccurredAt = StartOf(0).AddSeconds(10) },
            new CallEvent { CallSid = CallSid(0), Kind = "status", Detail = "completed", OccurredAt = StartOf(0).AddSeconds(65) });

        for (var j = 0; j < VoicemailCount; j++)
        {
            var state = StateOf(j);
            var audio = AudioOf(j);
            db.Voicemails.Add(new VoicemailMessage
            {
                Id = Guid.NewGuid(), CallSid = CallSid((3 * j) + 2), RecordingSid = RecordingSid(j), RecordingUrl = "", DurationSeconds = 20,
                Transcript = audio == AudioStatus.Deleted ? null : $"Message {j}", TranscriptStatus = "completed",
                AudioPath = audio == AudioStatus.Fetched ? $"{RecordingSid(j)}.mp3" : null, AudioStatus = audio,
                State = state, AssigneeUserId = state is VoicemailState.Claimed or VoicemailState.CalledBack ? supportUserId : null,
                CreatedAt = VoicemailAt(j), RecordingDeletedAt = audio == AudioStatus.Deleted ? VoicemailAt(j).AddDays(1) : null,
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A query over the audit log, in a context of its own.</summary>
    public async Task<T> QueryAuditAsync<T>(Func<IQueryable<Telephony.Data.Audit.AdminAuditEntry>, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync();
        return await query(db.AdminAuditEntries.AsNoTracking());
    }

    public async ValueTask DisposeAsync()
    {
        KeyClient?.Dispose();
        Anonymous?.Dispose();
        Support?.Dispose();
        NoRole?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;
}

public sealed class SqliteReadApiFixture : ReadApiFixture
{
    protected override Task<TelephonyAppFactory> CreateAppAsync() => Task.FromResult(new TelephonyAppFactory());
}

public sealed class PostgresReadApiFixture : ReadApiFixture
{
    private readonly PostgresDatabase database = new();

    protected override async Task<TelephonyAppFactory> CreateAppAsync()
    {
        await database.InitializeAsync();
        return new TelephonyAppFactory(DatabaseProvider.Postgres, database.ConnectionString);
    }

    protected override async Task DisposeDatabaseAsync() => await database.DisposeAsync();
}
