namespace Telephony.Data.Infrastructure;

/// <summary>
/// An entity guarded by optimistic concurrency. <see cref="TelephonyDbContext"/> gives <see cref="Version"/> a fresh
/// value on every insert and update, so a write based on a stale read fails with
/// <see cref="Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException"/>.
/// </summary>
/// <remarks>
/// A client-set <see cref="Guid"/> rather than PostgreSQL's <c>xmin</c> or SQL Server's <c>rowversion</c>: it behaves
/// the same on SQLite and PostgreSQL, so both migration sets carry the same column and the same semantics.
/// Bulk <c>ExecuteUpdate</c> bypasses SaveChanges and must set <see cref="Version"/> itself.
/// </remarks>
public interface IVersioned
{
    Guid Version { get; set; }
}
