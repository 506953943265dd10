namespace Telephony.Data.Alerts;

/// <summary>What one evaluation changed.</summary>
public sealed record EvaluationOutcome(IReadOnlyList<long> Fired, IReadOnlyList<long> Resolved, int Updated)
{
    public static EvaluationOutcome None { get; } = new([], [], 0);
}
