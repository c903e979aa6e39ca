using System.Text;
using Assist.Domain.Ledger;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;

namespace Assist.LedgerVerifier.Tests;

/// <summary>
/// The independent verifier against chains the domain wrote, shown as the ledger API shows them: every payload, or
/// the submission's (and others') withheld.
/// </summary>
public sealed class ChainVerifierTests
{
    private static readonly List<TicketEvent> Events = [.. FullLifecycle.Run().Events];

    [Fact]
    public void Verify_DomainChainWithEveryPayload_Ok()
    {
        var result = ChainVerifier.Verify(Copy(LedgerHash.Chain(Events)));

        Assert.Equal(VerifierOutcome.Verified, result.Outcome);
        Assert.Equal($"T-1: OK ({Events.Count} entries)", result.ToString());
    }

    [Fact]
    public void Verify_SchemeTwoWithPayloadsWithheld_StillOkFromTheDigests()
    {
        var result = ChainVerifier.Verify(Copy(LedgerHash.Chain(Events), withhold: v => v is 1 or 4));

        Assert.Equal(VerifierOutcome.Verified, result.Outcome);
    }

    [Fact]
    public void Verify_EditedPayloadRecomputedDigest_BrokenAtThatVersion()
    {
        var entries = LedgerHash.Chain(Events).ToList();
        var forged = entries[4].Payload.Replace("2026", "2025", StringComparison.Ordinal);
        entries[4] = entries[4] with { Payload = forged };

        var result = ChainVerifier.Verify(Copy(entries));

        Assert.Equal((VerifierOutcome.Broken, 5L), (result.Outcome, result.Version));
        Assert.StartsWith("T-1: broken at version 5: the hash does not match", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_PayloadThatIsNotItsDigest_BrokenAtThatVersion()
    {
        var copy = Copy(LedgerHash.Chain(Events));
        var entries = copy.Entries.ToList();
        entries[2] = entries[2] with { Payload = entries[2].Payload!.Replace("2026", "2025", StringComparison.Ordinal) };

        var result = ChainVerifier.Verify(copy with { Entries = entries });

        Assert.Equal((VerifierOutcome.Broken, 3L), (result.Outcome, result.Version));
        Assert.Contains("payloadSha256", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RehashedEntry_BrokenAtTheNextLink()
    {
        var entries = LedgerHash.Chain(Events).ToList();
        var forged = entries[3].Payload.Replace("2026", "2025", StringComparison.Ordinal);
        entries[3] = entries[3] with { Payload = forged, Hash = LedgerHash.Link(2, entries[3].PreviousHash, forged) };

        var result = ChainVerifier.Verify(Copy(entries));

        Assert.Equal((VerifierOutcome.Broken, 5L), (result.Outcome, result.Version));
        Assert.Contains("previousHash", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingEntry_BrokenAtTheGap()
    {
        var entries = LedgerHash.Chain(Events).ToList();
        entries.RemoveAt(2);

        var result = ChainVerifier.Verify(Copy(entries));

        Assert.Equal((VerifierOutcome.Broken, 3L), (result.Outcome, result.Version));
    }

    [Fact]
    public void Verify_SchemeOneThenTwoWithEveryPayload_Ok()
    {
        var result = ChainVerifier.Verify(Copy(Mixed(4)));

        Assert.Equal(VerifierOutcome.Verified, result.Outcome);
    }

    [Fact]
    public void Verify_SchemeOneSubmissionWithheld_UnverifiableFromThereButLaterBreaksStillFound()
    {
        var mixed = Mixed(4);

        var unverifiable = ChainVerifier.Verify(Copy(mixed, withhold: v => v == 1));
        var tampered = mixed.ToList();
        tampered[6] = tampered[6] with { Payload = tampered[6].Payload + " " };
        var broken = ChainVerifier.Verify(Copy(tampered, withhold: v => v == 1));

        Assert.Equal("T-1: unverifiable from version 1: payload withheld (scheme 1)", unverifiable.ToString());
        Assert.Equal((VerifierOutcome.Broken, 7L), (broken.Outcome, broken.Version));
    }

    [Fact]
    public void Verify_SchemeTwoRelabelledSchemeOne_Broken()
    {
        var entries = LedgerHash.Chain(Events).ToList();
        entries[5] = entries[5] with { Scheme = 1 };

        Assert.Equal(6L, ChainVerifier.Verify(Copy(entries)).Version);
    }

    [Fact]
    public void Verify_ServerAdmitsABreakTheCopyCannotSee_Broken()
    {
        var copy = Copy(Mixed(4), withhold: v => v == 1) with { ServerValid = false, ServerFirstBrokenVersion = 1, ServerProblem = "The entry's content does not match its hash." };

        var result = ChainVerifier.Verify(copy);

        Assert.Equal((VerifierOutcome.Broken, 1L), (result.Outcome, result.Version));
    }

    [Fact]
    public void Verify_NoEntries_BrokenAtVersionOne()
    {
        var result = ChainVerifier.Verify(Copy([]));

        Assert.Equal((VerifierOutcome.Broken, 1L), (result.Outcome, result.Version));
    }

    [Fact]
    public void Parse_PageOfTwoLedgersAsTheApiWritesIt_BothRead()
    {
        var json = """
            {"items":[
              {"number":"A","valid":true,"firstBrokenVersion":null,"problem":null,"entries":[]},
              {"number":"B","valid":false,"firstBrokenVersion":2,"problem":"x","entries":[
                {"version":1,"kind":"TicketSubmitted","scheme":2,"previousHash":"p","payloadSha256":"d","hash":"h","payload":null,"withheldBecause":"enterprise-identity"}]}],
             "continuationToken":"next"}
            """;

        var ledgers = LedgerDocument.Parse(json);

        Assert.Equal(["A", "B"], ledgers.Select(l => l.Number));
        Assert.Equal((false, 2L), (ledgers[1].ServerValid, ledgers[1].ServerFirstBrokenVersion));
        Assert.Null(Assert.Single(ledgers[1].Entries).Payload);
        Assert.Equal("next", LedgerDocument.ContinuationToken(json));
    }

    [Fact]
    public void Parse_NotALedger_FormatException()
    {
        Assert.Throws<FormatException>(() => LedgerDocument.Parse("""{"title":"Not Found"}"""));
    }

    /// <summary>The first <paramref name="schemeOneCount"/> entries as scheme 1 wrote them, the rest continued under scheme 2.</summary>
    private static List<LedgerEntry> Mixed(int schemeOneCount)
    {
        var previous = LedgerHash.Genesis;
        var entries = new List<LedgerEntry>();
        foreach (var entry in LedgerHash.Chain(Events.Take(schemeOneCount)))
        {
            var hash = LedgerHash.Compute(previous, Encoding.UTF8.GetBytes(entry.Payload));
            entries.Add(entry with { Scheme = LedgerHash.PayloadScheme, PreviousHash = previous, Hash = hash });
            previous = hash;
        }

        entries.AddRange(LedgerHash.Chain(Events.Skip(schemeOneCount), previous, schemeOneCount + 1));
        return entries;
    }

    /// <summary>The entries as the ledger API shows them: the digest recomputed from the stored payload, some payloads withheld.</summary>
    private static TicketLedgerCopy Copy(IEnumerable<LedgerEntry> entries, Func<long, bool>? withhold = null) => new(
        "T-1",
        true,
        null,
        null,
        [.. entries.Select(e => new LedgerEntryCopy(
            e.Version,
            e.Scheme,
            e.PreviousHash,
            e.PayloadSha256,
            e.Hash,
            withhold?.Invoke(e.Version) == true ? null : e.Payload,
            withhold?.Invoke(e.Version) == true ? "enterprise-identity" : null))]);
}
