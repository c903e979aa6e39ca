using System.Text;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Reports;
using Assist.Storage.Reports.Exports;
using Assist.Tests;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Assist.Storage.Tests.Reports;

[Collection(UsesAzurite.Name)]
public sealed class LedgerExportTests(AzuriteFixture fixture)
{
    private static readonly LedgerQuery Quarter = new(ReportPeriod.OfQuarter(2026, 1)) { HideConfidentialEnterprises = true };

    [Fact]
    public async Task WriteAsync_Csv_Utf8WithBomChineseHeadersOneRowPerTicketNoMobiles()
    {
        var data = await ReportDataset.GetAsync(fixture);
        using var output = new MemoryStream();

        var count = await LedgerCsvExport.WriteAsync(output, data.Reports.StreamLedgerAsync(Quarter), new LedgerLabels(data.Directory, chinese: true));

        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ReportDataset.TicketCount, count);
        Assert.Equal(ReportDataset.TicketCount + 1, lines.Length);
        Assert.StartsWith("序号,工单编号,受理时间,诉求标题", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(TicketHistoryGenerator.Mobile, lines[1..], StringComparer.Ordinal);
        Assert.Contains(lines, l => l.Contains("（保密）", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("已办结", StringComparison.Ordinal) && l.Contains("非常满意", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_CsvInEnglish_EnglishHeadersAndValues()
    {
        var data = await ReportDataset.GetAsync(fixture);
        using var output = new MemoryStream();

        await LedgerCsvExport.WriteAsync(output, data.Reports.StreamLedgerAsync(Quarter with { Status = TicketStatus.Closed }), new LedgerLabels(data.Directory, chinese: false));

        var text = Encoding.UTF8.GetString(output.ToArray()[3..]);
        Assert.StartsWith("No.,Ticket number,Received,Title", text, StringComparison.Ordinal);
        Assert.Contains(",Closed,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("已办结", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_XlsxToAForwardOnlyStream_OpensAsAWorkbookWithEveryTicket()
    {
        var data = await ReportDataset.GetAsync(fixture);
        using var buffer = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(buffer))
        {
            var count = await LedgerXlsxExport.WriteAsync(forwardOnly, data.Reports.StreamLedgerAsync(Quarter), new LedgerLabels(data.Directory, chinese: true));
            Assert.Equal(ReportDataset.TicketCount, count);
        }

        buffer.Position = 0;
        using var workbook = SpreadsheetDocument.Open(buffer, false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(ReportDataset.TicketCount + 1, rows.Count);
        string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
        var header = rows[0].Elements<Cell>().Select(Text).ToList();
        Assert.Equal(["序号", "工单编号", "受理时间"], header[..3]);
        var numbers = rows.Skip(1).Select(r => Text(r.Elements<Cell>().ElementAt(1))).ToList();
        Assert.Equal((await ReportProjectionTests.AllAsync(data.Reports, Quarter)).Select(l => l.Number), numbers);
        Assert.DoesNotContain(rows.SelectMany(r => r.Elements<Cell>()), c => Text(c).Contains(TicketHistoryGenerator.Mobile, StringComparison.Ordinal));
        Assert.Equal("台账", workbook.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);
    }

    /// <summary>A response body: writes only, no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
