using Telephony.Core.Calls;

namespace Telephony.Data.Calls;

/// <summary>Which calls the read API lists: started in [<see cref="Since"/>, <see cref="Until"/>), with a status, sent to a route.</summary>
public sealed record CallListFilter(DateTimeOffset? Since = null, DateTimeOffset? Until = null, CallStatus? Status = null, CallRoute? Route = null);
