using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Assist.Storage.Reports.Exports;

/// <summary>
/// The ledger as an XLSX workbook, streamed: the package is written with <see cref="ZipArchive"/> in create mode
/// (which works on a forward-only stream such as a response body; System.IO.Packaging wants to seek), the small
/// fixed parts as text, and the worksheet with the SAX-style <see cref="OpenXmlWriter"/>, one row at a time, with
/// inline strings (no shared-string table to hold in memory until the end). Only the current row is in memory.
/// The writes are synchronous (zip and XML writers have no async path): an HTTP caller allows synchronous I/O for
/// this response.
/// </summary>
public static class LedgerXlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
        """;

    private const string RootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """;

    private const string WorkbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """;

    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint DateTimeStyle = 3;

    /// <summary>Width of a time column, in characters: a narrower one shows a date as "#####".</summary>
    private const double TimeColumnWidth = 17;

    /// <summary>
    /// Style 1 is the bold header; 2 and 3 are dates and date-times (custom formats 164 and 165, ISO order, because
    /// the built-in date format 14 follows the reader's locale).
    /// </summary>
    private const string Styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """;

    public static async Task<long> WriteAsync(Stream output, IAsyncEnumerable<LedgerLine> lines, LedgerLabels labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(labels);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        WriteText(zip, "[Content_Types].xml", ContentTypes);
        WriteText(zip, "_rels/.rels", RootRelationships);
        WriteText(zip, "xl/workbook.xml", Workbook(labels.Pick("Ledger", "台账")));
        WriteText(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships);
        WriteText(zip, "xl/styles.xml", Styles);

        var columns = LedgerColumns.All;
        long count = 0;
        using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
        using (var writer = OpenXmlWriter.Create(sheet, Encoding.UTF8))
        {
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            { WorkbookViewId = 0 }));
            writer.WriteElement(TimeColumns(columns));
            writer.WriteStartElement(new SheetData());

            writer.WriteStartElement(new Row { RowIndex = 1 });
            writer.WriteElement(Text(labels.Pick("No.", "序号"), header: true));
            foreach (var column in columns)
            {
                writer.WriteElement(Text(column.Header(labels), header: true));
            }

            writer.WriteEndElement();
            await foreach (var line in lines.WithCancellation(cancellationToken))
            {
                count++;
                writer.WriteStartElement(new Row { RowIndex = (uint)(count + 1) });
                writer.WriteElement(Number(count));
                foreach (var column in columns)
                {
                    writer.WriteElement(column switch
                    {
                        { Number: { } number } => Number(number(line)),
                        { Time: { } time } => Time(time(line, labels)),
                        _ => Text(column.Text!(line, labels), header: false),
                    });
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.Close();
        }

        return count;
    }

    private static Cell Text(string value, bool header)
    {
        var cell = new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(value)) { Space = SpaceProcessingModeValues.Preserve }) };
        if (header)
        {
            cell.StyleIndex = HeaderStyle;
        }

        return cell;
    }

    private static Cell Number(long value) => new() { DataType = CellValues.Number, CellValue = new CellValue((decimal)value) };

    /// <summary>A real Excel date: the serial number (days since 1899-12-30, the time as a fraction) with a date format; empty when there is none.</summary>
    private static Cell Time(LedgerTime? value) => value is { } time
        ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(time.Local.ToOADate()), StyleIndex = time.HasTime ? DateTimeStyle : DateStyle }
        : new Cell();

    /// <summary>Widths for the time columns (1-based, after the row number in column 1).</summary>
    private static Columns TimeColumns(IReadOnlyList<LedgerColumn> columns)
    {
        var widths = new Columns();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Time is not null)
            {
                var index = (uint)(i + 2);
                widths.Append(new Column { Min = index, Max = index, Width = TimeColumnWidth, CustomWidth = true });
            }
        }

        return widths;
    }

    /// <summary>XML 1.0 has no place for most control characters; a title pasted from elsewhere may hold one.</summary>
    private static string Clean(string value) =>
        value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            ? new string([.. value.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r')])
            : value;

    private static string Workbook(string sheetName) => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>
        """;

    private static void WriteText(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
    }
}
