namespace Telephony.Data.ChangeFeed;

/// <summary>
/// Something changed: a row of <see cref="Kind"/> (<see cref="ChangeKinds"/>) with key <see cref="Id"/> now in
/// <see cref="State"/> (its status or state, or <c>deleted</c>). <see cref="Id"/> is null when many rows of the kind
/// changed at once. A notice is a hint to re-query, never the data itself.
/// </summary>
public sealed record ChangeNotice(string Kind, string? Id = null, string? State = null)
{
    public const string DeletedState = "deleted";

    public static ChangeNotice Resync { get; } = new(ChangeKinds.Resync);

    public bool IsResync => Kind == ChangeKinds.Resync;
}
