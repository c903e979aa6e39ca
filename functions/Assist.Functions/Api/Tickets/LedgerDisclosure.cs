using Assist.Domain.Tickets;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// Which ledger payloads the ledger API withholds, and why. A payload is shown byte for byte or not at all (a redacted
/// payload would no longer match its digest), so the rule works per event: the submission always (it holds the
/// enterprise's identity, contact and full mobile, and the full mobile is only ever revealed through the logged
/// reveal), and the enterprise's supplements (their attachment names often name the enterprise) to a caller who may
/// not see a confidential enterprise. Every other payload is written by staff or the system about the handling, which
/// the same callers already read on the ticket page. Under hash scheme 2 a withheld entry still verifies from its
/// digest; a scheme-1 entry cannot, and verifiers say so.
/// </summary>
public static class LedgerDisclosure
{
    /// <summary>The submission's payload: who the enterprise is, its contact and full mobile.</summary>
    public const string EnterpriseIdentity = "enterprise-identity";

    /// <summary>A confidential (保密) enterprise's own words and files, to a caller who may not see who it is.</summary>
    public const string ConfidentialEnterprise = "confidential-enterprise";

    /// <summary>Why <paramref name="event"/>'s payload is withheld from a caller, or null when it is shown.</summary>
    public static string? WithheldBecause(TicketEvent @event, bool maySeeEnterprise) => @event switch
    {
        TicketSubmitted => EnterpriseIdentity,
        InformationProvided when !maySeeEnterprise => ConfidentialEnterprise,
        _ => null,
    };
}
