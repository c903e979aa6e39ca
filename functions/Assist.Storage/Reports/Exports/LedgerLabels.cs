using Assist.Domain.Calendar;
using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;

namespace Assist.Storage.Reports.Exports;

/// <summary>
/// How ledger values read to a person: names for ids from the directory, statuses and ratings in words, times in
/// China time, in 简体中文 (the default) or English.
/// </summary>
public sealed class LedgerLabels
{
    private readonly DirectorySnapshot _directory;

    public LedgerLabels(DirectorySnapshot directory, bool chinese)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        Chinese = chinese;
    }

    public bool Chinese { get; }

    public string Pick(string english, string chinese) => Chinese ? chinese : english;

    public string Department(string? id) =>
        id is null ? "" : _directory.Organization.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    public string Officer(string? id) =>
        id is null ? "" : _directory.Organization.Staff.FirstOrDefault(u => u.Id == id)?.Name ?? id;

    public string Topic(string? code)
    {
        var topic = _directory.Organization.Topics.FirstOrDefault(t => t.Code == code);
        return topic is null ? code ?? "" : Pick(topic.NameEn, topic.NameZh);
    }

    /// <summary>An instant in the calendar's zone (China time), with its time of day.</summary>
    public LedgerTime? Instant(DateTimeOffset? at) =>
        at is { } value ? new LedgerTime(value.ToOffset(_directory.Calendar.UtcOffset).DateTime, HasTime: true) : null;

    /// <summary>A deadline as its due date, with a time only when it is not a day end (see <see cref="DueMoment"/>).</summary>
    public LedgerTime? Due(DateTimeOffset? at)
    {
        if (at is not { } value)
        {
            return null;
        }

        var due = DueMoment.Of(value, _directory.Calendar.UtcOffset);
        return new LedgerTime(due.Local, HasTime: !due.IsDayEnd);
    }

    public string YesNo(bool? value) => value switch
    {
        true => Pick("Yes", "是"),
        false => Pick("No", "否"),
        null => "",
    };

    public string Status(TicketStatus status) => status switch
    {
        TicketStatus.New => Pick("New", "新建"),
        TicketStatus.Submitted => Pick("Submitted", "已受理"),
        TicketStatus.Routed => Pick("Routed", "已派单"),
        TicketStatus.InProgress => Pick("In progress", "办理中"),
        TicketStatus.AwaitingInformation => Pick("Awaiting information", "待补充"),
        TicketStatus.Replied => Pick("Replied", "已答复"),
        TicketStatus.ReturnRequested => Pick("Return requested", "退单待审"),
        TicketStatus.Closed => Pick("Closed", "已办结"),
        _ => status.ToString(),
    };

    public string Type(TicketType? type) => type switch
    {
        TicketType.Consultation => Pick("Consultation", "咨询"),
        TicketType.Help => Pick("Request for help", "求助"),
        TicketType.Suggestion => Pick("Suggestion", "建议"),
        TicketType.Complaint => Pick("Complaint", "投诉"),
        TicketType.Report => Pick("Report", "举报"),
        _ => "",
    };

    public string Rating(SatisfactionRating? rating, ClosureKind? closure) => (rating, closure) switch
    {
        (SatisfactionRating.VerySatisfied, _) => Pick("Very satisfied", "非常满意"),
        (SatisfactionRating.Satisfied, _) => Pick("Satisfied", "满意"),
        (SatisfactionRating.BasicallySatisfied, _) => Pick("Basically satisfied", "基本满意"),
        (SatisfactionRating.Dissatisfied, _) => Pick("Dissatisfied", "不满意"),
        (SatisfactionRating.VeryDissatisfied, _) => Pick("Very dissatisfied", "非常不满意"),
        (null, ClosureKind.Unrated) => Pick("Not rated", "未评价"),
        _ => "",
    };

    public string Level(AttentionLevel level) => level switch
    {
        AttentionLevel.Blue => Pick("Blue reminder", "蓝色提醒"),
        AttentionLevel.Yellow => Pick("Yellow card", "黄牌"),
        AttentionLevel.Red => Pick("Red card", "红牌"),
        AttentionLevel.Hq => Pick("Escalated to HQ", "提级指挥部"),
        _ => "",
    };

    /// <summary>The enterprise, or a placeholder when the line was masked for a caller who may not see it.</summary>
    public string Enterprise(LedgerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.EnterpriseName ?? (line.Confidential ? Pick("(confidential)", "（保密）") : "");
    }
}
