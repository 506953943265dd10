namespace Telephony.Web.Components.Wallboard;

/// <summary>Whether the person (or TV) looking at the wallboard may see it, and if not, what to tell them.</summary>
public enum WallboardAccess
{
    /// <summary>Not decided yet (the first query has not finished).</summary>
    Checking,

    /// <summary>A signed-in Support or Admin user, or a valid wallboard token.</summary>
    Allowed,

    /// <summary>A token that is unknown or was revoked.</summary>
    InvalidToken,

    /// <summary>No token and nobody signed in: off to the sign-in page.</summary>
    SignIn,

    /// <summary>Signed in without a console role.</summary>
    Forbidden,
}
