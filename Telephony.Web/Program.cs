using Telephony.Web.Auth;
using Telephony.Web.Components;
using Telephony.Web.Health;
using Telephony.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddHostingServices();
builder.AddAuthServices();
builder.AddConsoleServices();
builder.AddHealthServices();

var app = builder.Build();

app.UseHostingPipeline();
app.MapHealthApi();
app.MapAccountApi();
app.MapConsole();

app.Run();

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
