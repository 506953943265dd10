namespace Telephony.Data.Calls;

/// <summary>What <see cref="CallStore.ApplyStatusAsync"/> did with a callback.</summary>
public enum StatusApplyOutcome
{
    /// <summary>The call was unknown (typically a dialled leg) and was created with this status.</summary>
    Created,

    /// <summary>The call moved forward.</summary>
    Applied,

    /// <summary>Same sequence number or same status as already applied: nothing to do.</summary>
    Duplicate,

    /// <summary>Older than what is applied (lower sequence number, earlier status, or after a terminal status): ignored.</summary>
    Stale,
}
