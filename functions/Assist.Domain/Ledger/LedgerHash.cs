using System.Security.Cryptography;
using System.Text;
using Assist.Domain.Tickets;

namespace Assist.Domain.Ledger;

/// <summary>
/// The per-ticket hash chain, starting from <see cref="Genesis"/>. Two schemes, recorded per entry:
/// <list type="bullet">
/// <item><description>scheme 1 (<see cref="PayloadScheme"/>, entries written before scheme 2): hash(n) = SHA-256(hash(n−1) ‖ payload bytes);</description></item>
/// <item><description>scheme 2 (<see cref="DigestScheme"/>, every entry written now): hash(n) = SHA-256(hash(n−1) ‖ SHA-256(payload bytes)).</description></item>
/// </list>
/// Hashes are 32 raw bytes in the concatenation and lower-case hex everywhere else; payload bytes are the UTF-8 of the
/// <see cref="TicketEventSerializer"/> envelope exactly as stored. Scheme 2 exists so that a third party can verify the
/// whole chain while some payloads stay withheld: a submission carries the enterprise's identity and full mobile, and a
/// confidential enterprise must stay hidden from departments, so the ledger API shows those entries' digests instead of
/// their bytes. Scheme-1 entries are never rewritten (their hashes are the record), so they verify as before, and only
/// where their payload can be read. A ledger may move from scheme 1 to 2 once; never back.
/// </summary>
public static class LedgerHash
{
    /// <summary>hash(n) = SHA-256(hash(n−1) ‖ payload bytes): the first scheme, kept for the entries written under it.</summary>
    public const int PayloadScheme = 1;

    /// <summary>hash(n) = SHA-256(hash(n−1) ‖ SHA-256(payload bytes)): the chain commits to a digest of each payload.</summary>
    public const int DigestScheme = 2;

    /// <summary>The scheme every new entry is linked under.</summary>
    public const int CurrentScheme = DigestScheme;

    /// <summary>The "previous hash" of a ticket's first event: 32 zero bytes.</summary>
    public static string Genesis { get; } = new('0', 64);

    /// <summary>A scheme-1 link: SHA-256(previous hash bytes ‖ the canonical event bytes).</summary>
    public static string Compute(string previousHash, ReadOnlySpan<byte> canonicalEvent)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(HashBytes(previousHash, nameof(previousHash)));
        hash.AppendData(canonicalEvent);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A scheme-2 link from the payload's digest alone, which is all a verifier has where the payload is withheld.</summary>
    public static string ComputeFromDigest(string previousHash, string payloadSha256)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(HashBytes(previousHash, nameof(previousHash)));
        hash.AppendData(HashBytes(payloadSha256, nameof(payloadSha256)));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 of the payload's UTF-8 bytes, lower-case hex.</summary>
    public static string PayloadDigest(string payload) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload ?? throw new ArgumentNullException(nameof(payload)))));

    /// <summary>The hash of a payload following <paramref name="previousHash"/> under <paramref name="scheme"/>.</summary>
    public static string Link(int scheme, string previousHash, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return scheme switch
        {
            PayloadScheme => Compute(previousHash, Encoding.UTF8.GetBytes(payload)),
            DigestScheme => ComputeFromDigest(previousHash, PayloadDigest(payload)),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Ledger schemes are 1 and 2."),
        };
    }

    /// <summary>The ledger entry for <paramref name="event"/> following <paramref name="previousHash"/> at <paramref name="version"/>, under the current scheme.</summary>
    public static LedgerEntry Next(TicketEvent @event, long version, string previousHash)
    {
        var payload = TicketEventSerializer.Serialize(@event);
        return new LedgerEntry(version, CurrentScheme, payload, previousHash, Link(CurrentScheme, previousHash, payload));
    }

    /// <summary>Links events in order, continuing a ledger that ended at <paramref name="previousHash"/> and version <paramref name="firstVersion"/> − 1.</summary>
    public static IReadOnlyList<LedgerEntry> Chain(IEnumerable<TicketEvent> events, string? previousHash = null, long firstVersion = 1)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = new List<LedgerEntry>();
        var previous = previousHash ?? Genesis;
        var version = firstVersion;
        foreach (var @event in events)
        {
            var entry = Next(@event, version++, previous);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    /// <summary>
    /// Checks a whole ledger from version 1: versions consecutive, each scheme known and never going back from 2 to 1,
    /// each link pointing at the previous hash, each hash matching its payload under its scheme.
    /// </summary>
    public static LedgerVerification Verify(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = Genesis;
        var expectedVersion = 1L;
        var lastScheme = PayloadScheme;
        foreach (var entry in entries)
        {
            if (entry.Version != expectedVersion)
            {
                return new LedgerVerification(false, expectedVersion, $"Expected version {expectedVersion}, found {entry.Version}: an entry is missing or out of order.");
            }

            if (entry.Scheme is not (PayloadScheme or DigestScheme))
            {
                return new LedgerVerification(false, entry.Version, $"Unknown hash scheme {entry.Scheme}.");
            }

            if (entry.Scheme < lastScheme)
            {
                return new LedgerVerification(false, entry.Version, $"Scheme {entry.Scheme} after scheme {lastScheme}: a ledger never goes back to an older scheme.");
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new LedgerVerification(false, entry.Version, "The link to the previous entry does not match its hash.");
            }

            if (!string.Equals(Link(entry.Scheme, entry.PreviousHash, entry.Payload), entry.Hash, StringComparison.Ordinal))
            {
                return new LedgerVerification(false, entry.Version, "The entry's content does not match its hash.");
            }

            previous = entry.Hash;
            lastScheme = entry.Scheme;
            expectedVersion++;
        }

        return LedgerVerification.Valid;
    }

    private static byte[] HashBytes(string hex, string parameter)
    {
        ArgumentNullException.ThrowIfNull(hex, parameter);
        var bytes = Convert.FromHexString(hex);
        return bytes.Length == SHA256.HashSizeInBytes ? bytes : throw new ArgumentException("A hash is 32 bytes of hex.", parameter);
    }
}
