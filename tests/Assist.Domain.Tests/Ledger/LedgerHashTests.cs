using System.Security.Cryptography;
using System.Text;
using Assist.Domain.Ledger;
using Assist.Domain.Tests.Support;

namespace Assist.Domain.Tests.Ledger;

public sealed class LedgerHashTests
{
    [Fact]
    public void Chain_FirstEntry_HashesZeroGenesisThenPayload()
    {
        var @event = FullLifecycle.Run().Events[0];

        var entry = LedgerHash.Chain([@event]).Single();

        var expected = SHA256.HashData([.. new byte[32], .. Encoding.UTF8.GetBytes(TicketEventSerializer.Serialize(@event))]);
        Assert.Equal(Convert.ToHexStringLower(expected), entry.Hash);
        Assert.Equal(LedgerHash.Genesis, entry.PreviousHash);
        Assert.Equal(1, entry.Version);
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
        ledger[3] = ledger[3] with { Payload = forged, Hash = LedgerHash.Compute(ledger[3].PreviousHash, Encoding.UTF8.GetBytes(forged)) };

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
}
