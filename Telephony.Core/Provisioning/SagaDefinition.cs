namespace Telephony.Core.Provisioning;

/// <summary>A provisioning saga: its kind and the ordered step names the engine runs (and compensates in reverse).</summary>
public sealed record SagaDefinition(string Kind, IReadOnlyList<string> Steps);
