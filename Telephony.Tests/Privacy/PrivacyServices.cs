using System.Security.Claims;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telephony.Core.Calls;
using Telephony.Data.Audit;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Privacy;
using Telephony.Data.Voicemail;
using Telephony.Tests.Infrastructure;
using Telephony.Web.Auth;
using Telephony.Web.Privacy;
using Telephony.Web.Voicemail;

namespace Telephony.Tests.Privacy;

/// <summary>The privacy services over a test database, a movable clock and a throw-away recordings folder (as one app instance has them).</summary>
internal sealed class PrivacyServices : IDisposable
{
    public PrivacyServices(TestDatabase database, FakeTimeProvider time, RetentionOptions? retention = null, string? dataDirectory = null)
    {
        Database = database;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"telephony-privacy-{Guid.NewGuid():N}");
        Storage = new VoicemailAudioStorage(
            Options.Create(new VoicemailAudioOptions { DataDirectory = DataDirectory }), new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        Audit = new AdminAuditLog(database, time);
        Retention = new RecordingRetention(database, time);
        Deletion = new RecordingDeletion(Retention, Storage, NullLogger<RecordingDeletion>.Instance);
        Purge = new RetentionPurge(Retention, Deletion, new ConsentLedger(database), Audit, Options.Create(retention ?? new RetentionOptions()), time,
            NullLogger<RetentionPurge>.Instance);
        Callers = new CallerDataService(new CallerDataStore(database, time), Storage, Audit, NullLogger<CallerDataService>.Instance);
    }

    public TestDatabase Database { get; }

    public string DataDirectory { get; }

    public VoicemailAudioStorage Storage { get; }

    public AdminAuditLog Audit { get; }

    public RecordingRetention Retention { get; }

    public RecordingDeletion Deletion { get; }

    public RetentionPurge Purge { get; }

    public CallerDataService Callers { get; }

    public static ClaimsPrincipal Admin { get; } = Principal("admin-1", "admin@test.local", Roles.Admin);

    public static ClaimsPrincipal Support { get; } = Principal("support-1", "support@test.local", Roles.Support);

    public static ClaimsPrincipal Principal(string id, string email, string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)], "test"));

    public static string NewCallSid() => "CA" + Guid.NewGuid().ToString("N");

    public static string NewRecordingSid() => "RE" + Guid.NewGuid().ToString("N");

    /// <summary>A call from <paramref name="caller"/> that left a voicemail received at <paramref name="at"/>, its audio on disk.</summary>
    public async Task<(string CallSid, VoicemailMessage Voicemail)> AddVoicemailAsync(string caller, DateTimeOffset at, string transcript = "Please call me back")
    {
        var callSid = NewCallSid();
        var recordingSid = NewRecordingSid();
        var path = await Storage.SaveAsync(recordingSid, new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken);
        var voicemail = new VoicemailMessage
        {
            Id = Guid.NewGuid(), CallSid = callSid, RecordingSid = recordingSid, RecordingUrl = "https://api.twilio.com/rec/" + recordingSid, Transcript = transcript,
            AudioStatus = AudioStatus.Fetched, AudioPath = Path.GetFileName(path), CreatedAt = at, CallbackNote = "spoke about the invoice",
        };
        await using var db = Database.CreateDbContext();
        db.Calls.Add(new Call { CallSid = callSid, From = caller, To = "+15145550100", CreatedAt = at, UpdatedAt = at, Route = CallRoute.Voicemail });
        db.Voicemails.Add(voicemail);
        db.ConsentRecords.Add(new ConsentRecord
        {
            CallSid = callSid, CallerNumber = caller, Decision = ConsentDecision.Granted, Method = "disclosure-continued", PromptVersion = "v1", Jurisdiction = "CA-QC", RecordedAt = at,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (callSid, voicemail);
    }

    public bool AudioExists(string recordingSid) => File.Exists(Storage.PathFor(recordingSid));

    public void Dispose()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
