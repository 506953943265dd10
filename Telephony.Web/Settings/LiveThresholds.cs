using Microsoft.Extensions.Options;
using Telephony.Core.Alerts;
using Telephony.Data.ChangeFeed;
using Telephony.Data.Settings;

namespace Telephony.Web.Settings;

/// <summary>
/// The thresholds in force on this instance, cached. A saved change (on any instance) reaches every instance through the
/// change feed: a <see cref="ChangeKinds.Threshold"/> notice (or a resync) marks the cache stale, it is reloaded and
/// <see cref="Changed"/> is raised so open consoles redraw their tiles (pages read <see cref="Current"/> and never wait
/// for the database); the alert evaluator reads <see cref="GetAsync"/> on each evaluation. The first load starts with the
/// instance (<see cref="LiveThresholdsStart"/>), once the database is migrated: the service is built earlier, by the
/// hosted services that need it, and a read before the migrations would fail on a fresh database. When the database
/// cannot be read, the last values loaded stay in force (the configured defaults before the first load).
/// </summary>
public sealed partial class LiveThresholds : IDisposable
{
    private readonly ThresholdStore store;
    private readonly ILogger<LiveThresholds> logger;
    private readonly AlertThresholds alertDefaults;
    private readonly TileThresholds tileDefaults;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private readonly ChangeSubscription subscription;
    private Action? changed;
    private int started;
    private long generation = 1;
    private long loadedGeneration;
    private ThresholdSnapshot current;

    public LiveThresholds(
        ThresholdStore store,
        IChangeFeed feed,
        IOptions<AlertThresholds> alertDefaults,
        IOptions<TileThresholds> tileDefaults,
        ILogger<LiveThresholds> logger)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(alertDefaults);
        ArgumentNullException.ThrowIfNull(tileDefaults);
        this.store = store;
        this.logger = logger;
        this.alertDefaults = alertDefaults.Value;
        this.tileDefaults = tileDefaults.Value;
        Defaults = ThresholdCatalogue.ValuesOf(this.alertDefaults, this.tileDefaults);
        current = Snapshot(new Dictionary<string, double>());

        // Subscribed before the first load, so a change saved meanwhile is not missed.
        subscription = feed.Subscribe();
    }

    /// <summary>
    /// Raised after the first load and after each change saved on any instance has been loaded here. A subscriber (an open
    /// page, so the instance is serving and its database migrated) starts the loading if the instance has not yet.
    /// </summary>
    public event Action? Changed
    {
        add
        {
            changed += value;
            Start();
        }

        remove => changed -= value;
    }

    /// <summary>The configured values (configuration <c>Alerts:*</c> and <c>Console:Tiles:*</c>), by key.</summary>
    public IReadOnlyDictionary<string, double> Defaults { get; }

    /// <summary>True when the last read of the stored values failed (the values shown may be old).</summary>
    public bool LastLoadFailed { get; private set; }

    /// <summary>The last values loaded (no database read).</summary>
    public ThresholdSnapshot Current => Volatile.Read(ref current);

    /// <summary>The values in force: the cached ones, or freshly read when a change was announced since.</summary>
    public async Task<ThresholdSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Read(ref loadedGeneration) == Interlocked.Read(ref generation))
        {
            return Current;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var target = Interlocked.Read(ref generation);
            if (Interlocked.Read(ref loadedGeneration) == target)
            {
                return Current;
            }

            var stored = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref current, Snapshot(stored));
            Interlocked.Exchange(ref loadedGeneration, target);
            LastLoadFailed = false;
            return Current;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The database may be away: keep the last thresholds and read again next time.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogLoadFailed(logger, e.GetType().Name);
            LastLoadFailed = true;
            return Current;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Loads the stored values and follows the change feed from then on; once per instance, later calls do nothing.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            _ = Task.Run(ListenAsync);
        }
    }

    /// <summary>Reads the stored values now (after this instance saved).</summary>
    public Task<ThresholdSnapshot> ReloadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref generation);
        return GetAsync(cancellationToken);
    }

    public void Dispose()
    {
        stop.Cancel();
        subscription.Dispose();
        stop.Dispose();
        gate.Dispose();
    }

    private ThresholdSnapshot Snapshot(IReadOnlyDictionary<string, double> stored)
    {
        var (alerts, tiles) = ThresholdCatalogue.Apply(alertDefaults, tileDefaults, stored);
        return new ThresholdSnapshot(alerts, tiles, stored);
    }

    private async Task ListenAsync()
    {
        var token = stop.Token;
        try
        {
            await GetAsync(token).ConfigureAwait(false);
            changed?.Invoke();
            // One save writes several rows: their notices arrive together and cost one reload.
            await foreach (var batch in subscription.ReadBatchesAsync(TimeSpan.FromMilliseconds(20), token).ConfigureAwait(false))
            {
                if (batch.Any(n => n.IsResync || n.Kind == ChangeKinds.Threshold))
                {
                    await ReloadAsync(token).ConfigureAwait(false);
                    changed?.Invoke();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the stored thresholds ({Reason}); keeping the last ones")]
    private static partial void LogLoadFailed(ILogger logger, string reason);
}
