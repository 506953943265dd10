using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Telephony.Web.Simulator;
using Telephony.Web.Twilio;

namespace Telephony.Web.Provisioning;

/// <summary>
/// Sends the Twilio SDK's requests (always to https://api.twilio.com) to <c>Twilio:ApiBaseUrl</c>; in simulator mode
/// with the default base, to this app's own fake Twilio.
/// </summary>
internal sealed class TwilioApiBaseHandler(IOptions<TwilioOptions> options, TwilioCredentials credentials, IServer server) : DelegatingHandler
{
    private const string TwilioApiHost = "api.twilio.com";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && string.Equals(uri.Host, TwilioApiHost, StringComparison.OrdinalIgnoreCase) && Target() is { } target)
        {
            var basePath = target.AbsolutePath.TrimEnd('/');
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port, Path = basePath + uri.AbsolutePath }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }

    private Uri? Target()
    {
        var configured = new Uri(options.Value.ApiBaseUrl);
        var isDefault = string.Equals(configured.Host, TwilioApiHost, StringComparison.OrdinalIgnoreCase);
        if (!credentials.SimulatorMode)
        {
            return isDefault ? null : configured;
        }

        return isDefault ? new Uri(SelfAddress() + FakeTwilioApi.BasePath) : configured;
    }

    // The address Kestrel actually bound (port 0 resolved), made dialable.
    private string SelfAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? credentials.PublicBaseUrl;
        return address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
