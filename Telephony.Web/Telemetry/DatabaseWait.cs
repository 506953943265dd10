using System.Diagnostics;

namespace Telephony.Web.Telemetry;

/// <summary>
/// <c>using var _ = DatabaseWait.Start();</c> around a webhook's database await: on dispose the time waited goes on
/// the request's span (<see cref="WebhookSpan.DatabaseWaitMs"/>). A struct and one timestamp: nothing allocated.
/// </summary>
public readonly struct DatabaseWait : IDisposable
{
    private readonly long started;

    private DatabaseWait(long started) => this.started = started;

    public static DatabaseWait Start() => new(Stopwatch.GetTimestamp());

    public void Dispose() => WebhookSpan.AddDatabaseWait(started);
}
