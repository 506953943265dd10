using Telephony.Data.Seeding;
using Telephony.Web.Alerts;
using Telephony.Web.Api;
using Telephony.Web.Auth;
using Telephony.Web.Calls;
using Telephony.Web.Components;
using Telephony.Web.Consent;
using Telephony.Web.Database;
using Telephony.Web.Exports;
using Telephony.Web.Health;
using Telephony.Web.Hosting;
using Telephony.Web.Journal;
using Telephony.Web.Live;
using Telephony.Web.Localization;
using Telephony.Web.Metrics;
using Telephony.Web.Privacy;
using Telephony.Web.Provisioning;
using Telephony.Web.Reconciliation;
using Telephony.Web.Reports;
using Telephony.Web.Security;
using Telephony.Web.Settings;
using Telephony.Web.Simulator;
using Telephony.Web.Sms;
using Telephony.Web.Telemetry;
using Telephony.Web.Twilio;
using Telephony.Web.Voicemail;

var builder = WebApplication.CreateBuilder(args);

// `dotnet run` in any environment serves the framework's and MudBlazor's assets from the build (a no-op when published).
builder.WebHost.UseStaticWebAssets();

builder.AddHostingServices();
builder.AddDatabaseServices();
builder.AddTelemetryServices();
builder.AddSecurityServices();
builder.AddAuthServices();
builder.AddApiServices();
builder.AddTwilioServices();
builder.AddJournalServices();
builder.AddVoicemailServices();
builder.AddSmsServices();
builder.AddSimulatorServices();
builder.AddConsoleServices();
builder.AddLocalizationServices();
builder.AddLiveServices();
builder.AddHealthServices();
builder.AddAlertServices();
builder.AddSettingsServices();
builder.AddProvisioningServices();
builder.AddPrivacyServices();
builder.AddReconciliationServices();
builder.AddMetricsServices();
builder.AddReportServices();

var app = builder.Build();

// `dotnet run --project Telephony.Web -- seed --calls 1000000`: realistic volume for performance checks.
if (VolumeSeedCommand.Matches(args))
{
    return await VolumeSeedCommand.RunAsync(app.Services, args, Console.Out, CancellationToken.None);
}

app.UseHostingPipeline();
app.UseConsoleLocalization();
app.UseApi();

app.MapHealthApi();
app.MapMetricsApi();
app.MapTwilioApi();
app.MapSimulatorApi();
app.MapAccountApi();
app.MapLanguageApi();
app.MapLiveApi();
app.MapApiDocument();
app.MapProvisioningApi();
app.MapPrivacyApi();
app.MapJournalApi();
app.MapCallsApi();
app.MapVoicemailApi();
app.MapConsentExportApi();
app.MapExportsApi();
app.MapConsole();

try
{
    await app.RunAsync();
}
catch (JournalFolderInUseException)
{
    return 1; // logged with what to do; an expected refusal, not a crash
}

return 0;

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
