using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Telephony.Data.Voicemail;
using Telephony.Web.Auth;

namespace Telephony.Web.Voicemail;

/// <summary>Admins play (range requests) and download voicemail audio; every access is audited before a byte is sent.</summary>
public static class VoicemailAudioApi
{
    public static IEndpointRouteBuilder MapVoicemailAudioApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/voicemail/{id:guid}/audio", GetAudioAsync).RequireAuthorization(AuthServiceExtensions.AdminPolicy).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<PhysicalFileHttpResult, NotFound>> GetAudioAsync(
        Guid id, bool? download, ClaimsPrincipal user, VoicemailInbox inbox, VoicemailAudioStorage storage, HttpContext http)
    {
        var action = download == true ? RecordingAccessAction.Download : RecordingAccessAction.Play;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var email = user.Identity?.Name ?? "";
        var file = await inbox.OpenAudioAsync(id, userId, email, action, http.RequestAborted).ConfigureAwait(false);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        // Only the stored file name is used, inside the recordings folder: no path from the database or the URL escapes it.
        var path = Path.Combine(storage.Directory, Path.GetFileName(file));
        if (!File.Exists(path))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.PhysicalFile(path, "audio/mpeg", action == RecordingAccessAction.Download ? Path.GetFileName(path) : null, enableRangeProcessing: true);
    }
}
