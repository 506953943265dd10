using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Telephony.Web.Auth;

/// <summary>
/// Creates the Data Protection key ring (kept in the database, shared by every instance) once, at start.
/// </summary>
/// <remarks>
/// Left to itself each instance that finds no key creates one on its first request, so instances started together on an
/// empty database would each make their own, and a cookie protected by one key could reach an instance that has not yet
/// reloaded the ring. Run under the start-up lock (see <c>DatabaseInitializer</c>), exactly one key is made.
/// </remarks>
internal sealed partial class KeyRingInitializer(IKeyManager keys, TimeProvider time, ILogger<KeyRingInitializer> logger)
{
    public void Ensure()
    {
        var now = time.GetUtcNow();
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            return;
        }

        // The framework's default lifetime (90 days); later rotations happen on their own, before expiry.
        keys.CreateNewKey(now, now.AddDays(90));
        LogCreated(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the Data Protection key ring in the database")]
    private static partial void LogCreated(ILogger logger);
}
