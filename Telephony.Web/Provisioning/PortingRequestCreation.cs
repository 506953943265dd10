using Telephony.Core.Provisioning;
using Telephony.Data.Provisioning;

namespace Telephony.Web.Provisioning;

/// <summary>
/// The outcome of recording a porting request: the stored request; or the invalid fields by name (as the API names them:
/// <c>e164</c>, <c>losingCarrier</c>) with what is wrong; or a problem (the tenant does not exist).
/// </summary>
public sealed record PortingRequestCreation(PortingRequest? Request, IReadOnlyDictionary<string, string[]> Errors, string? Problem)
{
    public const string E164Field = "e164";
    public const string LosingCarrierField = "losingCarrier";

    public static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>The rules a porting request's fields follow, wherever it is submitted from.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(string? e164, string? losingCarrier)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PortingStates.IsValidE164(e164))
        {
            errors[E164Field] = ["A number in E.164 form (e.g. +16045550100) is required."];
        }

        if (!PortingStates.IsValidCarrier(losingCarrier))
        {
            errors[LosingCarrierField] = ["The losing carrier's name, 1 to 100 characters, is required."];
        }

        return errors;
    }

    /// <summary>What is wrong with <paramref name="field"/>; null when nothing is.</summary>
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
