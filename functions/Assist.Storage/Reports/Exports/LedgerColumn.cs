namespace Assist.Storage.Reports.Exports;

/// <summary>A column of the ledger exports: its headers and its value, as text or as a number.</summary>
public sealed record LedgerColumn(string HeaderZh, string HeaderEn, Func<LedgerLine, LedgerLabels, string>? Text, Func<LedgerLine, long>? Number = null)
{
    public string Header(LedgerLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.Pick(HeaderEn, HeaderZh);
    }
}
