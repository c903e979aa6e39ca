using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assist.Storage.Webhooks;

/// <summary>
/// How a delivery is signed: <c>X-Assist-Signature: v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>
/// with the Unix seconds in <c>X-Assist-Timestamp</c>. The timestamp is inside the signed text so a receiver can
/// refuse an old delivery replayed to it; <c>X-Assist-Delivery</c> (the same on every retry) lets it drop a repeat.
/// The README's example receiver checks exactly this.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Assist-Signature";
    public const string TimestampHeader = "X-Assist-Timestamp";
    public const string DeliveryHeader = "X-Assist-Delivery";
    public const string EventHeader = "X-Assist-Event";

    /// <summary>The version tag of the scheme, so a later scheme can be sent beside this one.</summary>
    public const string Version = "v1";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Version + "=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
