namespace Telephony.Web.Simulator;

/// <summary>Silent MP3 audio for simulated recordings: valid MPEG-1 Layer III frames, no content.</summary>
public static class SimulatedAudio
{
    // 128 kbit/s, 44.1 kHz, no padding: 417-byte frames, about 38 per second.
    private static readonly byte[] FrameHeader = [0xFF, 0xFB, 0x90, 0x00];
    private const int FrameBytes = 417;
    private const int FramesPerSecond = 38;

    public static byte[] Silence(int seconds)
    {
        var frames = Math.Clamp(seconds, 1, 120) * FramesPerSecond;
        var audio = new byte[frames * FrameBytes];
        for (var i = 0; i < frames; i++)
        {
            FrameHeader.CopyTo(audio, i * FrameBytes);
        }

        return audio;
    }
}
