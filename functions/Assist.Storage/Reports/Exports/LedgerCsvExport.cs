using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Assist.Storage.Reports.Exports;

/// <summary>
/// The ledger as CSV, written row by row as the lines arrive. UTF-8 with a byte-order mark, because Excel opens a
/// CSV without one in the machine's legacy code page and garbles Chinese. Cells that Excel would take for a formula
/// get a leading apostrophe (CSV injection).
/// </summary>
public static class LedgerCsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static async Task<long> WriteAsync(Stream output, IAsyncEnumerable<LedgerLine> lines, LedgerLabels labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(labels);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
        var columns = LedgerColumns.All;
        csv.WriteField(labels.Pick("No.", "序号"));
        foreach (var column in columns)
        {
            csv.WriteField(column.Header(labels));
        }

        await csv.NextRecordAsync();
        long count = 0;
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            count++;
            csv.WriteField(count);
            foreach (var column in columns)
            {
                if (column.Number is { } number)
                {
                    csv.WriteField(number(line));
                }
                else
                {
                    csv.WriteField(Defuse(column.TextOf(line, labels)));
                }
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
        return count;
    }

    private static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
