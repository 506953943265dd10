namespace Telephony.Web.Provisioning;

/// <summary>What a provisioning transaction was asked to do (stored as its payload; never secrets).</summary>
public sealed record ProvisioningPayload(Guid? TenantId = null, string? Name = null, string? AreaCode = null, string? NumberSid = null, string? PublicBaseUrl = null);

/// <summary>Result of <c>create-subaccount</c>.</summary>
public sealed record SubaccountResult(string Sid);

/// <summary>Result of <c>buy-number</c>.</summary>
public sealed record NumberResult(string Sid, string PhoneNumber, string AccountSid);

/// <summary>Result of <c>reconfigure-numbers</c>: active numbers looked at, and those reconfigured.</summary>
public sealed record ReconfigureResult(int Numbers, int Reconfigured);
