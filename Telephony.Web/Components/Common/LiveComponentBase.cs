using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Telephony.Data.ChangeFeed;
using Telephony.Web.Auth;

namespace Telephony.Web.Components.Common;

/// <summary>
/// A page that redraws itself when the data behind it changes: it subscribes to the change feed before its first
/// query (so nothing falls in between), coalesces bursts into one re-query per ~100 ms, and keeps showing the last
/// good data with a message when the database cannot be reached.
/// </summary>
public abstract partial class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private ChangeSubscription? subscription;
    private bool disposed;

    [Inject]
    private IChangeFeed Feed { get; set; } = null!;

    [Inject]
    private ILogger<LiveComponentBase> Logger { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Auth { get; set; } = null!;

    /// <summary>The signed-in user, known before the first query.</summary>
    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>Admins see whole phone numbers and admin-only sections.</summary>
    protected bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>Set while the last refresh failed; the page shows it above the (stale) data.</summary>
    protected string? LoadError { get; private set; }

    /// <summary>The change kinds (<see cref="ChangeKinds"/>) that make this page re-query.</summary>
    protected abstract IReadOnlySet<string> WatchedKinds { get; }

    protected CancellationToken Stopping => stop.Token;

    /// <summary>
    /// While the page redraws for change notices, the number of the last of them (<see cref="ChangeSubscription.LastSequence"/>),
    /// which lets pages open on many screens share one read (<see cref="SharedRead{T}"/>); null on the first load and after
    /// a person's action.
    /// </summary>
    protected long? ChangedThrough { get; private set; }

    /// <summary>Queries the data the page shows.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    protected override async Task OnInitializedAsync()
    {
        User = (await Auth.GetAuthenticationStateAsync()).User;
        subscription = Feed.Subscribe();
        await RefreshAsync();
        _ = ListenAsync(subscription);
    }

    /// <summary>Re-queries now (after a user action, say).</summary>
    protected async Task RefreshAsync()
    {
        try
        {
            await LoadAsync(stop.Token);
            LoadError = null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A page must show a message, never an error screen, when the database is away.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRefreshFailed(Logger, GetType().Name, e);
            LoadError = Shared["The database is not answering right now; showing the last data we had. This page updates again by itself once it is back."];
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (disposing)
        {
            stop.Cancel();
            subscription?.Dispose();
            stop.Dispose();
        }
    }

    private async Task ListenAsync(ChangeSubscription feed)
    {
        try
        {
            await foreach (var batch in feed.ReadBatchesAsync(TimeSpan.FromMilliseconds(100), stop.Token))
            {
                if (batch.Any(n => n.IsResync || WatchedKinds.Contains(n.Kind)))
                {
                    var through = feed.LastSequence;
                    await InvokeAsync(async () =>
                    {
                        ChangedThrough = through;
                        try
                        {
                            await RefreshAsync();
                        }
                        finally
                        {
                            ChangedThrough = null;
                        }

                        StateHasChanged();
                    });
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live page {Page} could not refresh")]
    private static partial void LogRefreshFailed(ILogger logger, string page, Exception exception);

    private static IStringLocalizer Shared => SharedStrings.Localizer;
}
