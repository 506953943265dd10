namespace Telephony.Tests.Telemetry;

/// <summary>One span as an OTLP collector received it; ids in lowercase hex, attribute values as text.</summary>
internal sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);
}
