using Microsoft.Extensions.Localization;
using Telephony.Data.ChangeFeed;

namespace Telephony.Web.Components.Common;

/// <summary>
/// Decides which change notices are news worth saying aloud: a call that starts ringing or is answered, a voicemail
/// that arrives, an alert that fires. Each call, voicemail or alert is announced once; later changes to it are not.
/// </summary>
public sealed class LiveAnnouncements
{
    private const int Remembered = 500;
    private readonly HashSet<string> announced = [];
    private readonly Queue<string> order = new();

    /// <summary>What to say about <paramref name="batch"/> ("New call", "New voicemail and alert firing"), or null.</summary>
    public string? Describe(IEnumerable<ChangeNotice> batch)
    {
        var news = new List<string>();
        foreach (var notice in batch)
        {
            var phrase = PhraseFor(notice);
            if (phrase is not null && notice.Id is not null && Remember(notice.Kind + ":" + notice.Id) && !news.Contains(phrase))
            {
                news.Add(phrase);
            }
        }

        return news.Count == 0 ? null : string.Join(", ", news);
    }

    private static string? PhraseFor(ChangeNotice notice) => (notice.Kind, notice.State) switch
    {
        (ChangeKinds.Call, "Queued" or "Initiated" or "Ringing" or "InProgress") => Shared["New call"],
        (ChangeKinds.Voicemail, "New") => Shared["New voicemail"],
        (ChangeKinds.Alert, "Firing") => Shared["Alert firing"],
        _ => (string?)null,
    };

    private static IStringLocalizer Shared => SharedStrings.Localizer;

    private bool Remember(string key)
    {
        if (!announced.Add(key))
        {
            return false;
        }

        order.Enqueue(key);
        if (order.Count > Remembered)
        {
            announced.Remove(order.Dequeue());
        }

        return true;
    }
}
