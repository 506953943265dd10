using System.Text.RegularExpressions;

namespace Telephony.Core.Provisioning;

/// <summary>The provisioning sagas as pure step lists, and the naming rules that make their external effects findable.</summary>
public static partial class ProvisioningSagas
{
    public const string OnboardTenant = "onboard-tenant";
    public const string ProvisionNumber = "provision-number";
    public const string ReleaseNumber = "release-number";
    public const string ReconfigureWebhooks = "reconfigure-webhooks";

    public const string CreateSubaccount = "create-subaccount";
    public const string BuyNumber = "buy-number";
    public const string ConfigureNumber = "configure-number";
    public const string RecordTenant = "record-tenant";
    public const string RecordNumber = "record-number";
    public const string ReleaseTwilioNumber = "release-twilio-number";
    public const string RecordRelease = "record-release";
    public const string ReconfigureNumbers = "reconfigure-numbers";

    public static readonly SagaDefinition Onboard = new(OnboardTenant, [CreateSubaccount, BuyNumber, ConfigureNumber, RecordTenant]);
    public static readonly SagaDefinition Provision = new(ProvisionNumber, [BuyNumber, ConfigureNumber, RecordNumber]);
    public static readonly SagaDefinition Release = new(ReleaseNumber, [ReleaseTwilioNumber, RecordRelease]);

    /// <summary>Points the webhooks of every active number (or one) at the current public base URL; idempotent, nothing to undo.</summary>
    public static readonly SagaDefinition Reconfigure = new(ReconfigureWebhooks, [ReconfigureNumbers]);

    public static readonly IReadOnlyList<SagaDefinition> All = [Onboard, Provision, Release, Reconfigure];

    public static SagaDefinition Get(string kind) =>
        All.FirstOrDefault(d => d.Kind == kind) ?? throw new ArgumentException($"Unknown saga kind '{kind}'.", nameof(kind));

    /// <summary>
    /// The FriendlyName a step gives what it creates at Twilio: the same for every attempt of that step in that
    /// transaction, so an attempt after a crash finds (rather than duplicates) what the crashed one created.
    /// </summary>
    public static string FriendlyName(Guid transactionId, string step) => $"tx-{transactionId:N}-{step}";

    /// <summary>Three digits, not starting with 0 or 1 (North American area codes).</summary>
    public static bool IsValidAreaCode(string? value) => value is not null && AreaCodePattern().IsMatch(value);

    /// <summary>1 to 100 characters, not blank, no control characters.</summary>
    public static bool IsValidTenantName(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 100 && !value.Any(char.IsControl);

    [GeneratedRegex("^[2-9][0-9]{2}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex AreaCodePattern();
}
