using Telephony.Web.Auth;

namespace Telephony.Tests.Browser;

/// <summary>Every console page, and who may open it (Support sees the first seven; Admin sees them all).</summary>
internal static class ConsolePages
{
    public static readonly (string Path, string Name, bool Support)[] All =
    [
        ("/", "Overview", true),
        ("/calls", "Live calls", true),
        ("/voicemail", "Voicemail", true),
        ("/consent", "Consent", true),
        ("/alerts", "Alerts", true),
        ("/errors", "Errors", true),
        ("/reports", "Reports", true),
        ("/transactions", "Transactions", false),
        ("/numbers", "Numbers", false),
        ("/users", "Users", false),
        ("/callers", "Caller data", false),
        ("/audit", "Audit log", false),
        ("/settings", "Settings", false),
    ];

    public static IEnumerable<(string Path, string Name)> For(string role) =>
        All.Where(p => role == Roles.Admin || p.Support).Select(p => (p.Path, p.Name));
}
