using Telephony.Data;
using Telephony.Data.Infrastructure;

namespace Telephony.Web.Hosting.WarmUp;

/// <summary>Opens the database connections the first burst of webhooks needs (PostgreSQL only; see <see cref="ConnectionPrewarm"/>).</summary>
internal sealed class ConnectionPoolsStep(DatabaseSettings settings) : IWarmUpStep
{
    /// <summary>
    /// Query connections: the webhooks' reads, the journal replayer and the console's queries at once. Batch connections:
    /// one front-door writer and two call writers, each with a batch being written while the next one forms.
    /// </summary>
    private const int QueryConnections = 8;
    private const int BatchConnections = 6;

    public string Name => "database connections";

    public Task RunAsync(WarmUpRun run, CancellationToken cancellationToken) =>
        ConnectionPrewarm.OpenAsync(settings, QueryConnections, BatchConnections, cancellationToken);
}
