using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Telephony.Web.Live;

/// <summary>
/// <c>/hubs/operations</c>: the change feed for wallboards and scripts. Clients receive <c>changed(kind, id, state)</c>;
/// like the console, they re-query what they show. Signed-in users only.
/// </summary>
[Authorize]
public sealed class OperationsHub : Hub
{
    public const string Route = "/hubs/operations";
    public const string ChangedMethod = "changed";
}
