using Microsoft.Extensions.Options;
using Telephony.Web.Voicemail;

namespace Telephony.Web.Journal;

public static class JournalServiceExtensions
{
    /// <summary>The journal file (<c>Journal:Directory</c>, by default <c>Storage:DataDirectory</c>/journal), the per-route database work and the replayer.</summary>
    public static IHostApplicationBuilder AddJournalServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JournalOptions>().Bind(builder.Configuration.GetSection("Journal")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new WebhookJournal(
            JournalPath(sp.GetRequiredService<IOptions<JournalOptions>>().Value, sp.GetRequiredService<IOptions<VoicemailAudioOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()),
            sp.GetRequiredService<ILogger<WebhookJournal>>()));
        services.AddSingleton<WebhookReplay>();
        services.AddSingleton<JournalReplayer>();
        services.AddHostedService(sp => sp.GetRequiredService<JournalReplayer>());
        return builder;
    }

    public static string JournalPath(JournalOptions journal, VoicemailAudioOptions storage, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(environment);
        var directory = string.IsNullOrWhiteSpace(journal.Directory) ? Path.Combine(storage.DataDirectory, "journal") : journal.Directory;
        return Path.GetFullPath(Path.Combine(environment.ContentRootPath, directory, "webhooks.jsonl"));
    }
}
