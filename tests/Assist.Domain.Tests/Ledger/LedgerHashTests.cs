using System.Security.Cryptography;
using System.Text;
using Assist.Domain.Ledger;
using Assist.Domain.Tests.Support;

namespace Assist.Domain.Tests.Ledger;

public sealed class LedgerHashTests
{
    [Fact]
    public void Chain_FirstEntry_HashesZeroGenesisThenTheDigestOfThePayload()
    {
        var @event = FullLifecycle.Run().Events[0];

        var entry = LedgerHash.Chain([@event]).Single();

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(TicketEventSerializer.Serialize(@event)));
        var expected = SHA256.HashData([.. new byte[32], .. digest]);
        Assert.Equal(Convert.ToHexStringLower(expected), entry.Hash);
        Assert.Equal(Convert.ToHexStringLower(digest), entry.PayloadSha256);
        Assert.Equal(LedgerHash.DigestScheme, entry.Scheme);
        Assert.Equal(LedgerHash.Genesis, entry.PreviousHash);
        Assert.Equal(1, entry.Version);
    }

    [Fact]
    public void ComputeFromDigest_DigestAlone_SameHashAsFromThePayload()
    {
        var entry = LedgerHash.Chain(FullLifecycle.Run().Events)[4];

        Assert.Equal(entry.Hash, LedgerHash.ComputeFromDigest(entry.PreviousHash, entry.PayloadSha256));
    }

    [Fact]
    public void Verify_SchemeOneLedgerAsWrittenBefore_StillValid()
    {
        var ledger = SchemeOne(LedgerHash.Chain(FullLifecycle.Run().Events));

        Assert.Equal(LedgerVerification.Valid, LedgerHash.Verify(ledger));
    }

    [Fact]
    public void Verify_SchemeOneThenSchemeTwo_ValidAcrossTheChange()
    {
        var events = FullLifecycle.Run().Events;
        var old = SchemeOne(LedgerHash.Chain(events.Take(4)));

        var ledger = old.Concat(LedgerHash.Chain(events.Skip(4), old[^1].Hash, 5)).ToList();

        Assert.Equal(LedgerVerification.Valid, LedgerHash.Verify(ledger));
        Assert.Equal("1,1,1,1,2", string.Join(",", ledger.Take(5).Select(e => e.Scheme)));
    }

    [Fact]
    public void Verify_EditedSchemeOnePayloadInAMixedLedger_ReportsThatVersion()
    {
        var events = FullLifecycle.Run().Events;
        var old = SchemeOne(LedgerHash.Chain(events.Take(4)));
        var ledger = old.Concat(LedgerHash.Chain(events.Skip(4), old[^1].Hash, 5)).ToList();
        ledger[2] = ledger[2] with { Payload = ledger[2].Payload.Replace("2026", "2025", StringComparison.Ordinal) };

        var result = LedgerHash.Verify(ledger);

        Assert.Equal((false, 3L), (result.IsValid, result.FirstBrokenVersion));
    }

    [Fact]
    public void Verify_SchemeTwoEntryRelabelledSchemeOne_ReportsThatVersion()
    {
        var ledger = LedgerHash.Chain(FullLifecycle.Run().Events).ToList();
        ledger[5] = ledger[5] with { Scheme = LedgerHash.PayloadScheme };

        var result = LedgerHash.Verify(ledger);

        Assert.Equal((false, 6L), (result.IsValid, result.FirstBrokenVersion));
        Assert.Contains("scheme", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnknownScheme_ReportsThatVersion()
    {
        var ledger = LedgerHash.Chain(FullLifecycle.Run().Events).ToList();
        ledger[0] = ledger[0] with { Scheme = 3 };

        Assert.Equal(1L, LedgerHash.Verify(ledger).FirstBrokenVersion);
    }

    [Fact]
    public void Verify_ForgedPreviousHash_ReportsTheBrokenLink()
    {
        var ledger = LedgerHash.Chain(FullLifecycle.Run().Events).ToList();
        ledger[6] = ledger[6] with { PreviousHash = ledger[4].Hash };

        var result = LedgerHash.Verify(ledger);

        Assert.Equal((false, 7L), (result.IsValid, result.FirstBrokenVersion));
        Assert.Contains("link", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_IntactLedger_Valid()
    {
        var ledger = LedgerHash.Chain(FullLifecycle.Run().Events);

        Assert.Equal(LedgerVerification.Valid, LedgerHash.Verify(ledger));
    }

    [Fact]
    public void Chain_ContinuedInTwoCommits_SameAsOneChain()
    {
        var events = FullLifecycle.Run().Events;
        var first = LedgerHash.Chain(events.Take(5));

        var rest = LedgerHash.Chain(events.Skip(5), first[^1].Hash, 6);

        Assert.Equal(LedgerHash.Chain(events), [.. first, .. rest]);
    }

    [Fact]
    public void Verify_EditedPayload_ReportsThatVersion()
    {
        var ledger = LedgerHash.Chain(FullLifecycle.Run().Events).ToList();
        var contact = ledger.FindIndex(e => e.Payload.Contains("电话联系企业", StringComparison.Ordinal));
        ledger[contact] = ledger[contact] with { Payload = ledger[contact].Payload.Replace("电话", "上门", StringComparison.Ordinal) };

        var result = LedgerHash.Verify(ledger);

        Assert.Equal((false, ledger[contact].Version), (result.IsValid, result.FirstBrokenVersion));
        Assert.Contains("content", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RehashedEditedEntry_BreaksTheNextLink()
    {
        var ledger = LedgerHash.Chain(FullLifecycle.Run().Events).ToList();
        var forged = ledger[3].Payload.Replace("2026", "2025", StringComparison.Ordinal);
        ledger[3] = ledger[3] with { Payload = forged, Hash = LedgerHash.Link(ledger[3].Scheme, ledger[3].PreviousHash, forged) };

        var result = LedgerHash.Verify(ledger);

        Assert.Equal((false, 5L), (result.IsValid, result.FirstBrokenVersion));
    }

    [Fact]
    public void Verify_MissingEntry_ReportsTheGap()
    {
        var ledger = LedgerHash.Chain(FullLifecycle.Run().Events).ToList();
        ledger.RemoveAt(2);

        Assert.Equal(3L, LedgerHash.Verify(ledger).FirstBrokenVersion);
    }

    /// <summary>The same events as the ledger wrote them before scheme 2: each hash over the previous hash and the payload's bytes.</summary>
    private static List<LedgerEntry> SchemeOne(IEnumerable<LedgerEntry> entries)
    {
        var previous = LedgerHash.Genesis;
        var rewritten = new List<LedgerEntry>();
        foreach (var entry in entries)
        {
            var hash = LedgerHash.Compute(previous, Encoding.UTF8.GetBytes(entry.Payload));
            rewritten.Add(entry with { Scheme = LedgerHash.PayloadScheme, PreviousHash = previous, Hash = hash });
            previous = hash;
        }

        return rewritten;
    }
}
