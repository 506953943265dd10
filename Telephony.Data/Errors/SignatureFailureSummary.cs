namespace Telephony.Data.Errors;

/// <summary>
/// One source's refused requests (missing or wrong <c>X-Twilio-Signature</c>) in one clock minute, as one webhook log
/// entry: inserted when <see cref="RowId"/> is null, otherwise that entry's count and detail are brought up to date.
/// </summary>
/// <param name="RowId">The entry written earlier for this source and minute, or null.</param>
/// <param name="Source">The client address (IPv6: its /64).</param>
/// <param name="Route">The first route the source hit in the minute.</param>
/// <param name="At">The first refused request of the minute.</param>
/// <param name="Count">Every refused request of the minute so far: answered 403, or 429 unchecked.</param>
/// <param name="Detail">What an operator reads on the Errors page.</param>
public sealed record SignatureFailureSummary(long? RowId, string Source, string Route, DateTimeOffset At, int Count, string Detail);
