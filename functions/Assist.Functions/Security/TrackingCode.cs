using System.Security.Cryptography;
using System.Text;

namespace Assist.Functions.Security;

/// <summary>
/// The enterprise's capability for one ticket: 160 random bits as 32 base32 characters (no padding, without the
/// look-alikes I, O, 0 and 1), stored only as its SHA-256 and compared in constant time.
/// </summary>
public static class TrackingCode
{
    public const string Header = "X-Tracking-Code";
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(32);
        // 160 bits → 32 five-bit groups.
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        return text.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the code as typed, after trimming and upper-casing (codes are case-insensitive).</summary>
    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
    }

    /// <summary>Whether <paramref name="presented"/> hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string? presented, string? storedHash)
    {
        if (string.IsNullOrWhiteSpace(presented) || string.IsNullOrEmpty(storedHash) || presented.Length > 128)
        {
            return false;
        }

        var computed = Encoding.ASCII.GetBytes(Hash(presented));
        var stored = Encoding.ASCII.GetBytes(storedHash.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(computed, stored);
    }

    private static string Normalize(string code) => code.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
}
