using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Telephony.Tests.Web;
using Telephony.Web.Voicemail;

namespace Telephony.Tests.Security;

/// <summary>The audio route and the storage path resolver never reach a file outside the recordings folder.</summary>
public sealed class UntrustedInputTests(TelephonyAppFactory app) : IClassFixture<TelephonyAppFactory>
{
    [Theory]
    [InlineData("/voicemail/..%2F..%2Fappsettings.json/audio")]
    [InlineData("/voicemail/%2E%2E%2F%2E%2E%2Fappsettings.json/audio")]
    [InlineData("/voicemail/..%5C..%5Cappsettings.json/audio")]
    [InlineData("/voicemail/%252e%252e%252fappsettings.json/audio")]
    [InlineData("/voicemail/00000000-0000-0000-0000-000000000000/audio")]
    [InlineData("/voicemail/../appsettings.json")]
    public async Task Traversal_attempts_on_the_audio_route_get_404_and_no_file(string path)
    {
        using var client = app.CreateBrowserlessClient();
        await FormSignIn.SignInAsync(client, TelephonyAppFactory.AdminEmail, TelephonyAppFactory.AdminPassword);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("ConnectionStrings", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../appsettings")]
    [InlineData("RE0123456789abcdef0123456789abcdef/../../x")]
    [InlineData("..\\..\\x")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public void The_storage_path_resolver_refuses_anything_but_a_recording_sid(string sid)
    {
        var storage = app.Services.GetRequiredService<VoicemailAudioStorage>();

        Assert.Throws<ArgumentException>(() => storage.PathFor(sid));
    }

    [Fact]
    public void A_recording_sid_resolves_inside_the_recordings_folder()
    {
        var storage = app.Services.GetRequiredService<VoicemailAudioStorage>();

        var path = storage.PathFor("RE0123456789abcdef0123456789abcdef");

        Assert.Equal(storage.Directory, Path.GetDirectoryName(path));
        Assert.StartsWith(Path.GetFullPath(app.DataDirectory), storage.Directory, StringComparison.Ordinal);
    }
}
