using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assist.LedgerVerifier;

/// <summary>
/// The ledger scheme as the README states it, re-implemented from that text alone. Per entry n (versions 1, 2, … with
/// no gap), with H(0) = 64 zeros:
/// <list type="bullet">
/// <item><description>previousHash(n) = hash(n − 1);</description></item>
/// <item><description>where the payload is shown: payloadSha256(n) = SHA-256(UTF-8 bytes of payload(n));</description></item>
/// <item><description>scheme 2: hash(n) = SHA-256(bytes of previousHash(n) ‖ bytes of payloadSha256(n)), so it verifies with the payload withheld;</description></item>
/// <item><description>scheme 1 (entries written before scheme 2): hash(n) = SHA-256(bytes of previousHash(n) ‖ UTF-8 bytes of payload(n)),
/// which cannot be checked where the payload is withheld;</description></item>
/// <item><description>a ledger goes from scheme 1 to scheme 2 at most once, never back.</description></item>
/// </list>
/// "Bytes of" a hash is its 32 raw bytes (the hex decoded).
/// </summary>
public static class ChainVerifier
{
    private static readonly string Genesis = new('0', 64);

    public static VerifierResult Verify(TicketLedgerCopy ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (ledger.Entries.Count == 0)
        {
            // Every ticket's ledger begins with its submission: an empty one has lost it.
            return new VerifierResult(ledger.Number, VerifierOutcome.Broken, 1, "the ledger has no entries", 0);
        }

        var previous = Genesis;
        var expected = 1L;
        var lastScheme = 1;
        long? unverifiableFrom = null;
        foreach (var entry in ledger.Entries)
        {
            if (Problem(entry, expected, previous, lastScheme) is { } problem)
            {
                return new VerifierResult(ledger.Number, VerifierOutcome.Broken, Math.Min(entry.Version, expected), problem, ledger.Entries.Count);
            }

            if (entry.Scheme == 1 && entry.Payload is null)
            {
                unverifiableFrom ??= entry.Version;
            }

            previous = entry.Hash;
            lastScheme = entry.Scheme;
            expected++;
        }

        // The copy recomputes, but the server had every payload: its own "broken" is an admission worth reporting.
        if (ledger.ServerValid == false)
        {
            return new VerifierResult(ledger.Number, VerifierOutcome.Broken, ledger.ServerFirstBrokenVersion, $"the server's own check says so: {ledger.ServerProblem}", ledger.Entries.Count);
        }

        return unverifiableFrom is { } from
            ? new VerifierResult(ledger.Number, VerifierOutcome.Unverifiable, from, "payload withheld (scheme 1)", ledger.Entries.Count)
            : new VerifierResult(ledger.Number, VerifierOutcome.Verified, null, null, ledger.Entries.Count);
    }

    private static string? Problem(LedgerEntryCopy entry, long expected, string previous, int lastScheme)
    {
        if (entry.Version != expected)
        {
            return string.Create(CultureInfo.InvariantCulture, $"expected version {expected}, found {entry.Version}: an entry is missing or out of order");
        }

        if (entry.Scheme is not (1 or 2))
        {
            return string.Create(CultureInfo.InvariantCulture, $"unknown scheme {entry.Scheme}");
        }

        if (entry.Scheme < lastScheme)
        {
            return "scheme 1 after scheme 2: a ledger never goes back";
        }

        if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
        {
            return "previousHash is not the hash of the entry before";
        }

        if (entry.Payload is not null && !string.Equals(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(entry.Payload))), entry.PayloadSha256, StringComparison.Ordinal))
        {
            return "the payload does not match its payloadSha256";
        }

        if (!IsHash(entry.Hash) || (entry.Scheme == 2 && !IsHash(entry.PayloadSha256)))
        {
            return "a hash is not 64 lower-case hex digits";
        }

        string? recomputed = entry.Scheme switch
        {
            2 => Hex(SHA256.HashData([.. Convert.FromHexString(previous), .. Convert.FromHexString(entry.PayloadSha256)])),
            _ when entry.Payload is not null => Hex(SHA256.HashData([.. Convert.FromHexString(previous), .. Encoding.UTF8.GetBytes(entry.Payload)])),
            _ => null,
        };
        return recomputed is null || string.Equals(recomputed, entry.Hash, StringComparison.Ordinal)
            ? null
            : "the hash does not match what it was computed from";
    }

    private static bool IsHash(string text) => text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
