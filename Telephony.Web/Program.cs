using Telephony.Web.Auth;
using Telephony.Web.Components;
using Telephony.Web.Health;
using Telephony.Web.Hosting;
using Telephony.Web.Provisioning;
using Telephony.Web.Twilio;

var builder = WebApplication.CreateBuilder(args);

builder.AddHostingServices();
builder.AddAuthServices();
builder.AddTwilioServices();
builder.AddConsoleServices();
builder.AddHealthServices();
builder.AddProvisioningServices();

var app = builder.Build();

app.UseHostingPipeline();
app.MapHealthApi();
app.MapTwilioApi();
app.MapAccountApi();
app.MapProvisioningApi();
app.MapConsole();

app.Run();

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
