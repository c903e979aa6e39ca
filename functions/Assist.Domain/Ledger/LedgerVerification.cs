namespace Assist.Domain.Ledger;

/// <summary>The result of <see cref="LedgerHash.Verify"/>: valid, or the first broken version and what is wrong with it.</summary>
public sealed record LedgerVerification(bool IsValid, long? FirstBrokenVersion, string? Problem)
{
    public static LedgerVerification Valid { get; } = new(true, null, null);
}
