namespace Assist.Storage.Reports.Exports;

/// <summary>
/// A column of the ledger exports: its headers and its value, as text, as a number or as a time (an Excel date in
/// the workbook). Exactly one of <see cref="Text"/>, <see cref="Number"/> and <see cref="Time"/> is set.
/// </summary>
public sealed record LedgerColumn(
    string HeaderZh,
    string HeaderEn,
    Func<LedgerLine, LedgerLabels, string>? Text,
    Func<LedgerLine, long>? Number = null,
    Func<LedgerLine, LedgerLabels, LedgerTime?>? Time = null)
{
    public string Header(LedgerLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.Pick(HeaderEn, HeaderZh);
    }

    /// <summary>The value as text, as the CSV writes it (times in China time, a due date without a time).</summary>
    public string TextOf(LedgerLine line, LedgerLabels labels) =>
        Text is { } text ? text(line, labels)
        : Time is { } time ? time(line, labels)?.ToString() ?? ""
        : Number!(line).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
