using Microsoft.Extensions.Options;
using Telephony.Core.Validation;

namespace Telephony.Web.Voicemail;

/// <summary>The app's own copy of voicemail audio: one file per recording SID under the data directory.</summary>
public sealed class VoicemailAudioStorage(IOptions<VoicemailAudioOptions> options, IHostEnvironment environment)
{
    public string Directory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DataDirectory, "recordings"));

    /// <summary>The file for a recording; the SID is validated so no path can escape the folder.</summary>
    public string PathFor(string recordingSid)
    {
        if (!TwilioSid.IsValid(recordingSid, SidKind.Recording))
        {
            throw new ArgumentException("Not a recording SID.", nameof(recordingSid));
        }

        return Path.Combine(Directory, recordingSid + ".mp3");
    }

    /// <summary>Removes a recording's file (and any half-written copy); true when there was a file. Deleting twice is harmless.</summary>
    public bool Delete(string recordingSid)
    {
        if (!TwilioSid.IsValid(recordingSid, SidKind.Recording) || !System.IO.Directory.Exists(Directory))
        {
            return false; // nothing was ever stored under a name that is not a recording SID, or before the folder existed
        }

        var path = PathFor(recordingSid);
        var existed = File.Exists(path);
        File.Delete(path);
        File.Delete(path + ".part");
        return existed;
    }

    public async Task<string> SaveAsync(string recordingSid, Stream audio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(recordingSid);
        var partial = path + ".part";
        var file = File.Create(partial);
        await using (file.ConfigureAwait(false))
        {
            await audio.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        // Rename last so a crash never leaves a half-written file under the final name.
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
