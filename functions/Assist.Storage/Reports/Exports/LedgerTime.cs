using System.Globalization;

namespace Assist.Storage.Reports.Exports;

/// <summary>
/// A time cell of the ledger in China time: an instant with its time of day, or a due date alone (a day deadline,
/// see <see cref="Domain.Calendar.DueMoment"/>). The CSV writes it as text, the workbook as an Excel date.
/// </summary>
public readonly record struct LedgerTime(DateTime Local, bool HasTime)
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm";

    public override string ToString() => Local.ToString(HasTime ? DateTimeFormat : DateFormat, CultureInfo.InvariantCulture);
}
