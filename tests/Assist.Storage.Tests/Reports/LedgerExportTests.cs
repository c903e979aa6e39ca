using System.Text;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Reports.Exports;
using Assist.Storage.Workflow;
using Assist.Tests;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
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

    [Fact]
    public async Task WriteAsync_CsvDayAndHourDeadlines_DueDateForADayEndDateAndTimeForAnHourLimit()
    {
        using var output = new MemoryStream();

        await LedgerCsvExport.WriteAsync(output, Lines(DayDeadlineLine, HourDeadlineLine), new LedgerLabels(PlainDirectory, chinese: true));

        var rows = Encoding.UTF8.GetString(output.ToArray()[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        var due = Array.IndexOf(rows[0], "办理期限");
        Assert.Equal("2026-02-28", rows[1][due]);
        Assert.Equal("2026-02-12 11:33", rows[2][due]);
        Assert.Equal("2026-02-12 09:03", rows[1][Array.IndexOf(rows[0], "受理时间")]);
    }

    [Fact]
    public async Task WriteAsync_XlsxTimes_RealExcelDatesDueDateWithoutTimeInstantsWithTime()
    {
        using var buffer = new MemoryStream();
        await LedgerXlsxExport.WriteAsync(buffer, Lines(DayDeadlineLine, HourDeadlineLine), new LedgerLabels(PlainDirectory, chinese: true));

        buffer.Position = 0;
        using var workbook = SpreadsheetDocument.Open(buffer, false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        var formats = workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet;
        var headers = rows[0].Select(c => c.InlineString?.InnerText).ToList();
        var dayDue = rows[1][headers.IndexOf("办理期限")];
        var hourDue = rows[2][headers.IndexOf("办理期限")];

        Assert.Equal((new DateTime(2026, 2, 28), "yyyy-mm-dd"), ExcelDate(dayDue, formats));
        Assert.Equal((new DateTime(2026, 2, 12, 11, 33, 0), "yyyy-mm-dd hh:mm"), ExcelDate(hourDue, formats));
        foreach (var (header, expected) in new[] { ("受理时间", new DateTime(2026, 2, 12, 9, 3, 0)), ("签收时间", new DateTime(2026, 2, 12, 10, 0, 0)), ("首次响应", new DateTime(2026, 2, 13, 9, 30, 0)), ("答复时间", new DateTime(2026, 2, 24, 16, 45, 0)), ("销号时间", new DateTime(2026, 2, 26, 8, 0, 0)) })
        {
            Assert.Equal((expected, "yyyy-mm-dd hh:mm"), ExcelDate(rows[1][headers.IndexOf(header)], formats));
        }

        Assert.Null(rows[2][headers.IndexOf("销号时间")].CellValue);
        Assert.Empty(new OpenXmlValidator().Validate(workbook).Select(e => e.Description));
    }

    private static readonly DirectorySnapshot PlainDirectory = new(
        new OrganizationDirectory(ValueList.Empty<Department>(), ValueList.Empty<StaffUser>(), DefaultPolicies.Topics, ValueList.Empty<string>()),
        new RoutingTable(ValueList.Empty<RoutingRule>()),
        DefaultPolicies.Create(),
        WorkingCalendar.Default,
        ScoreWeights.Default,
        "test");

    private static DateTimeOffset China(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>Received Thu 2026-02-12 09:03, due at the end of Sat 2026-02-28 (the instant 2026-03-01 00:00), closed.</summary>
    private static LedgerLine DayDeadlineLine => new(
        "20260212-DAYEND", China(2, 12, 9, 3), "流动资金贷款", TicketType.Help, "FINANCE", Urgent: false, Confidential: false, "示例公司", ValidCreditCode, "高新区",
        TicketStatus.Closed, "finance", ValueList.Empty<string>(), "officer.finance.1",
        DueAt: China(3, 1, 0, 0), SignedInAt: China(2, 12, 10, 0), SignedInOnTime: true, FirstResponseAt: China(2, 13, 9, 30), RepliedAt: China(2, 24, 16, 45),
        CompletedOnTime: true, Resolved: true, ClosedAt: China(2, 26, 8, 0), ClosureKind.Confirmed, SatisfactionRating.Satisfied,
        WentOverdue: false, AttentionLevel.None, 0, 0, 0, 7, China(2, 26, 8, 0));

    /// <summary>An hour limit: due inside office hours, at 11:33 the same day (stored in UTC, as a table row gives it back).</summary>
    private static LedgerLine HourDeadlineLine => DayDeadlineLine with
    {
        Number = "20260212-HOURS",
        Urgent = true,
        Status = TicketStatus.Routed,
        DueAt = China(2, 12, 11, 33).ToUniversalTime(),
        SignedInAt = null,
        SignedInOnTime = null,
        FirstResponseAt = null,
        RepliedAt = null,
        CompletedOnTime = null,
        Resolved = null,
        ClosedAt = null,
        Closure = null,
        Rating = null,
    };

    private const string ValidCreditCode = "9144030071526726XG";

    private static async IAsyncEnumerable<LedgerLine> Lines(params LedgerLine[] lines)
    {
        foreach (var line in lines)
        {
            await Task.Yield();
            yield return line;
        }
    }

    /// <summary>A cell's value as Excel reads it: a number (no text type) whose style has a date format.</summary>
    private static (DateTime Value, string? Format) ExcelDate(Cell cell, Stylesheet styles)
    {
        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{cell.OuterXml} is not a number");
        Assert.Null(cell.InlineString);
        var serial = double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        var code = styles.NumberingFormats?.Elements<NumberingFormat>().SingleOrDefault(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value)?.FormatCode?.Value;
        return (DateTime.FromOADate(serial), code);
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
