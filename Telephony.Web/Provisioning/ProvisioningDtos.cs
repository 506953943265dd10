using Telephony.Data.Provisioning;

namespace Telephony.Web.Provisioning;

/// <summary><c>POST /api/tenants</c>.</summary>
public sealed record OnboardTenantRequest(string? Name, string? AreaCode);

/// <summary><c>POST /api/numbers</c>.</summary>
public sealed record ProvisionNumberRequest(Guid? TenantId, string? AreaCode);

public sealed record TransactionStepDto(int Index, string Name, string Status, string? Error, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

public sealed record TransactionDto(
    Guid Id, string Kind, string Status, int CurrentStep, string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<TransactionStepDto> Steps)
{
    public static TransactionDto From(ProvisioningTransaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.Kind, StatusNames.Of(t.Status), t.CurrentStep, t.Error, t.CreatedAt, t.UpdatedAt,
            [.. t.Steps.OrderBy(s => s.Index).Select(s => new TransactionStepDto(s.Index, s.Name, StatusNames.Of(s.Status), s.Error, s.StartedAt, s.CompletedAt))]);
    }
}

public sealed record TenantDto(Guid Id, string Name, string AreaCode, string? SubaccountSid, string Status, DateTimeOffset CreatedAt)
{
    public static TenantDto From(Tenant t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.Name, t.AreaCode, t.SubaccountSid, t.Status, t.CreatedAt);
    }
}

public sealed record PhoneNumberDto(
    string Sid, string E164, Guid? TenantId, string? FriendlyName, string? VoiceUrl, string? VoiceFallbackUrl, string? StatusCallbackUrl,
    string? SmsUrl, string ConfigurationStatus, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ReleasedAt)
{
    /// <summary>With <paramref name="current"/>, an active number configured under another public base URL is <c>misconfigured</c>.</summary>
    public static PhoneNumberDto From(PhoneNumber n, WebhookUrls? current = null)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new(n.Sid, n.E164, n.TenantId, n.FriendlyName, n.VoiceUrl, n.VoiceFallbackUrl, n.StatusCallbackUrl, n.SmsUrl,
            current?.StatusOf(n) ?? n.ConfigurationStatus, n.Status, n.CreatedAt, n.ReleasedAt);
    }
}

/// <summary><c>POST /api/porting</c>.</summary>
public sealed record CreatePortingRequest(string? E164, string? LosingCarrier, Guid? TenantId);

/// <summary><c>POST /api/porting/{id}/state</c>: the next state (kebab-case, e.g. <c>in-review</c>) and an optional note.</summary>
public sealed record MovePortingRequest(string? State, string? Note);

public sealed record PortingRequestDto(
    Guid Id, string E164, Guid? TenantId, string LosingCarrier, string State, string? Note, IReadOnlyList<string> NextStates,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PortingRequestDto From(PortingRequest p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.E164, p.TenantId, p.LosingCarrier, StatusNames.Of(p.State), p.Note,
            [.. Telephony.Core.Provisioning.PortingStates.NextOf(p.State).Select(StatusNames.Of)], p.CreatedAt, p.UpdatedAt);
    }

    public static bool TryParseState(string? name, out Telephony.Core.Provisioning.PortingState state)
    {
        state = default;
        foreach (var candidate in Enum.GetValues<Telephony.Core.Provisioning.PortingState>())
        {
            if (string.Equals(StatusNames.Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        return false;
    }
}

/// <summary>Status names as the API spells them: <c>pending</c>, <c>compensation-failed</c>, ...</summary>
public static class StatusNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse(string? name, out TransactionStatus status)
    {
        status = default;
        if (name is null)
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<TransactionStatus>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        return false;
    }
}
