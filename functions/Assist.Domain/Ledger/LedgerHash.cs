using System.Security.Cryptography;
using System.Text;
using Assist.Domain.Tickets;

namespace Assist.Domain.Ledger;

/// <summary>
/// The per-ticket hash chain: hash(n) = SHA-256(hash(n−1) ‖ canonical bytes of event n), starting from
/// <see cref="Genesis"/>. Storage computes the next link with <see cref="Next"/> when it commits events.
/// </summary>
public static class LedgerHash
{
    /// <summary>The "previous hash" of a ticket's first event: 32 zero bytes.</summary>
    public static string Genesis { get; } = new('0', 64);

    public static string Compute(string previousHash, ReadOnlySpan<byte> canonicalEvent)
    {
        var previous = Convert.FromHexString(previousHash ?? throw new ArgumentNullException(nameof(previousHash)));
        if (previous.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("A previous hash is 32 bytes of hex.", nameof(previousHash));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        hash.AppendData(canonicalEvent);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The ledger entry for <paramref name="event"/> following <paramref name="previousHash"/> at <paramref name="version"/>.</summary>
    public static LedgerEntry Next(TicketEvent @event, long version, string previousHash)
    {
        var payload = TicketEventSerializer.Serialize(@event);
        return new LedgerEntry(version, payload, previousHash, Compute(previousHash, Encoding.UTF8.GetBytes(payload)));
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

    /// <summary>Checks a whole ledger from version 1: versions consecutive, each link pointing at the previous hash, each hash matching its payload.</summary>
    public static LedgerVerification Verify(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = Genesis;
        var expectedVersion = 1L;
        foreach (var entry in entries)
        {
            if (entry.Version != expectedVersion)
            {
                return new LedgerVerification(false, expectedVersion, $"Expected version {expectedVersion}, found {entry.Version}: an entry is missing or out of order.");
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new LedgerVerification(false, entry.Version, "The link to the previous entry does not match its hash.");
            }

            var actual = Compute(entry.PreviousHash, Encoding.UTF8.GetBytes(entry.Payload));
            if (!string.Equals(actual, entry.Hash, StringComparison.Ordinal))
            {
                return new LedgerVerification(false, entry.Version, "The entry's content does not match its hash.");
            }

            previous = entry.Hash;
            expectedVersion++;
        }

        return LedgerVerification.Valid;
    }
}
