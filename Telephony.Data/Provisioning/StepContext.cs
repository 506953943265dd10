namespace Telephony.Data.Provisioning;

/// <summary>What a step sees: its transaction, the request payload and the results of the steps before it.</summary>
public sealed record StepContext(
    Guid TransactionId,
    string Kind,
    string Step,
    string PayloadJson,
    IReadOnlyDictionary<string, string?> Results)
{
    public string? ResultOf(string step) => Results.TryGetValue(step, out var result) ? result : null;
}
