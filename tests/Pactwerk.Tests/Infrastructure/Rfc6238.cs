using System.Security.Cryptography;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// TOTP written out from RFC 6238 (and the HOTP truncation of RFC 4226) with nothing but HMAC-SHA-1, so the
/// tests compute codes independently of the library the app uses. Checked against the RFC's appendix B.
/// </summary>
public static class Rfc6238
{
    public const int StepSeconds = 30;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(byte[] key, long step, int digits = 6)
    {
        var counter = new byte[8];
        for (var i = 7; i >= 0; i--, step >>= 8)
            counter[i] = (byte)(step & 0xff);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = (hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3];
        return (binary % (int)Math.Pow(10, digits)).ToString().PadLeft(digits, '0');
    }

    public static string Code(string base32Secret, long step) => Code(Base32(base32Secret), step);

    /// <summary>RFC 4648 base 32, spaces (the page groups the secret) ignored.</summary>
    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.Replace(" ", "").TrimEnd('=').ToUpperInvariant())
        {
            var index = alphabet.IndexOf(c);
            if (index < 0)
                throw new FormatException($"'{c}' is not base 32");
            // Only the bits not yet written out matter (at most twelve).
            value = (value << 5 | index) & 0xffff;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8) & 0xff));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    /// <summary>Waits while the current step is about to end, so a code computed now is still of the step the server sees.</summary>
    public static async Task AwayFromStepEdgeAsync()
    {
        var into = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % (StepSeconds * 1000);
        if (into > (StepSeconds - 4) * 1000)
            await Task.Delay((int)(StepSeconds * 1000 - into) + 200);
    }
}
