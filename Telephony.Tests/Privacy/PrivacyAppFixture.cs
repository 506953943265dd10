using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Data;
using Telephony.Data.Calls;
using Telephony.Data.Consent;
using Telephony.Data.Voicemail;
using Telephony.Tests.Web;
using Telephony.Web.Auth;
using Telephony.Web.Voicemail;

namespace Telephony.Tests.Privacy;

/// <summary>The app on SQLite with a signed-in admin and a signed-in Support user, shared by a test class.</summary>
public sealed class PrivacyAppFixture : IAsyncLifetime
{
    public const string SupportEmail = "support-privacy@test.local";
    private const string SupportPassword = "Support-Privacy-Pass-1";

    public TelephonyAppFactory App { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Support { get; private set; } = null!;

    public VoicemailAudioStorage Storage => App.Services.GetRequiredService<VoicemailAudioStorage>();

    public async ValueTask InitializeAsync()
    {
        await App.CreateUserAsync(SupportEmail, SupportPassword, Roles.Support);
        Admin = App.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(Admin, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);
        Support = App.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(Support, SupportEmail, SupportPassword);
    }

    public async Task<T> QueryAsync<T>(Func<TelephonyDbContext, Task<T>> query)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>A call from <paramref name="caller"/> with its consent entry and a voicemail whose audio is on disk.</summary>
    public async Task<VoicemailMessage> AddVoicemailAsync(string caller, string transcript = "Please call me back")
    {
        var now = DateTimeOffset.UtcNow;
        var callSid = PrivacyServices.NewCallSid();
        var recordingSid = PrivacyServices.NewRecordingSid();
        var path = await Storage.SaveAsync(recordingSid, new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken);
        var voicemail = new VoicemailMessage
        {
            Id = Guid.NewGuid(), CallSid = callSid, RecordingSid = recordingSid, RecordingUrl = "https://api.twilio.com/rec", Transcript = transcript,
            AudioStatus = AudioStatus.Fetched, AudioPath = Path.GetFileName(path), CreatedAt = now,
        };
        await QueryAsync(async db =>
        {
            db.Calls.Add(new Call { CallSid = callSid, From = caller, To = "+15145550100", CreatedAt = now, UpdatedAt = now });
            db.Voicemails.Add(voicemail);
            db.ConsentRecords.Add(new ConsentRecord
            {
                CallSid = callSid, CallerNumber = caller, Decision = ConsentDecision.Granted, Method = "disclosure-continued", PromptVersion = "v1", Jurisdiction = "CA-ON", RecordedAt = now,
            });
            return await db.SaveChangesAsync();
        });
        return voicemail;
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        Support?.Dispose();
        await App.DisposeAsync();
    }
}
