namespace Telephony.Core.Twilio;

/// <summary>A parsed webhook payload and the names of fields that were present but invalid.</summary>
/// <remarks>Rejected fields are null in the payload; the web layer logs the names, never the values.</remarks>
public sealed record ParsedPayload<T>(T Payload, IReadOnlyList<string> RejectedFields)
{
    public bool HasRejections => RejectedFields.Count > 0;
}
