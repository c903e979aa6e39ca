using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;
using Assist.Functions.Web;
using Assist.Storage.Workflow;

namespace Assist.Functions.Resources;

/// <summary>
/// Every text the pages show, in 简体中文 and English, as a typed table: one member per text with both languages
/// side by side, so a missing translation does not compile. The page culture (cookie, then Accept-Language) picks.
/// </summary>
public static class UiText
{
    public static string Pick(string zh, string en) => PageCulture.IsEnglish ? en : zh;

    public static string Pick(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Pick(error.MessageZh, error.Message);
    }

    public static string Pick(Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return Pick(rejection.ReasonZh, rejection.Reason);
    }

    // Layout
    public static string Lang => Pick("zh-CN", "en");
    public static string AppName => Pick("企业诉求服务平台", "Enterprise Assistance");
    public static string Motto => Pick("企业吹哨、部门报到", "The enterprise blows the whistle, the departments report for duty");
    public static string SkipToContent => Pick("跳到正文", "Skip to content");
    public static string MainNavigation => Pick("主导航", "Main navigation");
    public static string LanguageLabel => Pick("语言", "Language");
    public static string SwitchToEnglish => "English";
    public static string SwitchToChinese => "简体中文";
    public static string SignIn => Pick("工作人员登录", "Staff sign-in");
    public static string SignOut => Pick("退出登录", "Sign out");
    public static string SignedInAs => Pick("当前用户", "Signed in as");
    public static string TimesNote => Pick("所有时间均为北京时间（Asia/Shanghai）。", "All times are Beijing time (Asia/Shanghai).");
    public static string FooterPrivacy => Pick("个人信息仅用于办理您的诉求。", "Personal information is used only to handle your request.");

    // Navigation
    public static string NavHome => Pick("首页", "Home");
    public static string NavSubmit => Pick("我要反映问题", "Report a problem");
    public static string NavTrack => Pick("办理进度查询", "Track a request");
    public static string NavDesk => Pick("我的工作台", "My desk");
    public static string NavInbox => Pick("消息", "Inbox");
    public static string NavQueue => Pick("部门工单", "Department queue");
    public static string NavOverdue => Pick("超期督办", "Overdue board");
    public static string NavAdmin => Pick("系统管理", "Administration");

    // Home
    public static string HomeTitle => Pick("企业诉求，一站受理", "One place for enterprise requests");
    public static string HomeLead => Pick(
        "企业遇到融资、用地、用电、审批、用工、政策兑现等自身难以解决的问题，可在此反映。诉求将派给责任部门，按工作日计时办理，超期逐级督办，企业确认满意后方可销号。",
        "Enterprises report problems they cannot solve alone — financing, land, power, permits, labour, unpaid subsidies. Each request goes to the responsible department, runs on a working-day clock, climbs an escalation ladder when late, and is closed only when the enterprise confirms and rates the answer.");
    public static string HomeSubmitHint => Pick("无需注册。提交后获得工单编号和查询码。", "No account needed. You get a ticket number and a tracking code.");
    public static string HomeTrackHint => Pick("凭工单编号和查询码查看进度、补充材料、确认评价。", "Use the ticket number and tracking code to follow progress, add information, confirm and rate.");
    public static string HomeStaffHint => Pick("联络员、部门负责人、督查室和管理员请登录。", "Liaison officers, department heads, supervisors and administrators sign in here.");

    // Errors
    public static string ErrorTitle(int status) => status switch
    {
        400 => Pick("请求有误", "The request is invalid"),
        401 => Pick("需要登录", "Sign-in required"),
        403 => Pick("无权访问", "Not permitted"),
        404 => Pick("页面不存在", "Page not found"),
        405 => Pick("不支持的操作", "Not supported"),
        413 => Pick("上传内容过大", "Upload too large"),
        429 => Pick("操作过于频繁", "Too many requests"),
        _ => Pick("服务暂时不可用", "Something went wrong"),
    };

    public static string ErrorDetail(int status) => status switch
    {
        400 => Pick("表单可能已过期或内容不完整，请返回重新填写后再提交。", "The form may have expired or is incomplete. Go back, reload it and submit again."),
        401 => Pick("请先登录后再访问此页面。", "Please sign in to see this page."),
        403 => Pick("您的角色或所在部门无权查看此页面或执行此操作。", "Your role or department does not allow this page or action."),
        404 => Pick("未找到您要访问的页面或工单。", "The page or ticket you asked for was not found."),
        405 => Pick("此页面不支持该操作。", "This page does not support that action."),
        413 => Pick("附件或表单内容超过了大小限制，请压缩或减少附件后重试。", "The attachments or the form exceed the size limit. Make them smaller or fewer and try again."),
        429 => Pick("请稍候片刻再试。", "Please wait a moment and try again."),
        _ => Pick("处理您的请求时出现问题，请稍后再试。", "We could not complete your request. Please try again later."),
    };

    public static string ErrorCode(int status) => Pick($"错误代码 {status}", $"Error {status}");
    public static string BackHome => Pick("返回首页", "Back to the home page");

    // Common
    public static string Required => Pick("必填", "required");
    public static string Optional => Pick("选填", "optional");
    public static string Yes => Pick("是", "Yes");
    public static string No => Pick("否", "No");
    public static string Submit => Pick("提交", "Submit");
    public static string Save => Pick("保存", "Save");
    public static string Cancel => Pick("取消", "Cancel");
    public static string Open => Pick("打开", "Open");
    public static string None => Pick("无", "None");
    public static string FixErrors => Pick("提交的内容有误，请按提示修改：", "Some fields need attention:");
    public static string Done => Pick("操作已完成。", "Done.");
    public static string Bytes(long size) => size < 1024 * 1024
        ? Pick($"{Math.Max(1, size / 1024)} KB", $"{Math.Max(1, size / 1024)} KB")
        : Pick($"{size / (1024.0 * 1024):0.0} MB", $"{size / (1024.0 * 1024):0.0} MB");

    // Statuses, types, levels, ratings, roles, rungs
    public static string Status(TicketStatus status) => status switch
    {
        TicketStatus.New => Pick("未受理", "New"),
        TicketStatus.Submitted => Pick("待派单", "Waiting to be routed"),
        TicketStatus.Routed => Pick("待签收", "Waiting for sign-in"),
        TicketStatus.InProgress => Pick("办理中", "In progress"),
        TicketStatus.AwaitingInformation => Pick("待补充", "Waiting for your information"),
        TicketStatus.Replied => Pick("已答复待确认", "Replied, waiting for confirmation"),
        TicketStatus.ReturnRequested => Pick("退单待审核", "Return under review"),
        TicketStatus.Closed => Pick("已办结", "Closed"),
        _ => status.ToString(),
    };

    public static string Type(TicketType type) => type switch
    {
        TicketType.Consultation => Pick("咨询", "Consultation"),
        TicketType.Help => Pick("求助", "Request for help"),
        TicketType.Suggestion => Pick("建议", "Suggestion"),
        TicketType.Complaint => Pick("投诉", "Complaint"),
        TicketType.Report => Pick("举报", "Report of wrongdoing"),
        _ => type.ToString(),
    };

    public static string Type(string type) => Enum.TryParse<TicketType>(type, out var parsed) ? Type(parsed) : type;

    public static string TypeHint(TicketType type) => type switch
    {
        TicketType.Consultation => Pick("2个工作日内答复", "answered within 2 working days"),
        TicketType.Help or TicketType.Suggestion => Pick("7个工作日内办结", "resolved within 7 working days"),
        _ => Pick("15个工作日内办结", "resolved within 15 working days"),
    };

    public static string Level(AttentionLevel level) => level switch
    {
        AttentionLevel.Blue => Pick("蓝色提醒", "Blue reminder"),
        AttentionLevel.Yellow => Pick("黄牌预警", "Yellow card"),
        AttentionLevel.Red => Pick("红牌督办", "Red card"),
        AttentionLevel.Hq => Pick("已提级", "Escalated to HQ"),
        _ => Pick("正常", "On track"),
    };

    public static string Rating(SatisfactionRating rating) => rating switch
    {
        SatisfactionRating.VerySatisfied => Pick("非常满意", "Very satisfied"),
        SatisfactionRating.Satisfied => Pick("满意", "Satisfied"),
        SatisfactionRating.BasicallySatisfied => Pick("基本满意", "Basically satisfied"),
        SatisfactionRating.Dissatisfied => Pick("不满意", "Dissatisfied"),
        SatisfactionRating.VeryDissatisfied => Pick("非常不满意", "Very dissatisfied"),
        _ => rating.ToString(),
    };

    public static string Role(StaffRole role) => role switch
    {
        StaffRole.LiaisonOfficer => Pick("联络员", "Liaison officer"),
        StaffRole.DepartmentHead => Pick("部门负责人", "Department head"),
        StaffRole.Supervisor => Pick("督查室", "Supervisor"),
        StaffRole.HqLeader => Pick("指挥部领导", "HQ leader"),
        StaffRole.Administrator => Pick("系统管理员", "Administrator"),
        _ => role.ToString(),
    };

    public static string Rung(EscalationRung rung) => rung switch
    {
        EscalationRung.BlueReminder => Pick("蓝色提醒", "Blue reminder"),
        EscalationRung.YellowCard => Pick("黄牌预警", "Yellow card"),
        EscalationRung.RedCard => Pick("红牌督办", "Red card"),
        EscalationRung.SignInOverdue => Pick("超时未签收", "Not signed in on time"),
        EscalationRung.SupervisionOrderOverdue => Pick("督办单超期", "Supervision order overdue"),
        EscalationRung.ReturnDecisionOverdue => Pick("退单审核超时", "Return decision overdue"),
        EscalationRung.ExtensionDecisionOverdue => Pick("延期审核超时", "Extension decision overdue"),
        _ => rung.ToString(),
    };

    /// <summary>A ledger event by its type name, as a step of the timeline.</summary>
    public static string Event(string kind) => kind switch
    {
        nameof(TicketSubmitted) => Pick("受理：诉求已提交", "Submitted"),
        nameof(TicketRouted) => Pick("派单：已派至主办部门", "Routed to the lead department"),
        nameof(OfficerAssigned) => Pick("指定联络员", "Officer assigned"),
        nameof(DepartmentSignedIn) => Pick("签收 / 报到", "Department signed in"),
        nameof(EnterpriseContacted) => Pick("已联系企业", "Enterprise contacted"),
        nameof(ProgressRecorded) => Pick("办理进展", "Progress recorded"),
        nameof(InformationRequested) => Pick("请企业补充材料", "Information requested"),
        nameof(InformationProvided) => Pick("企业已补充材料", "Information provided"),
        nameof(TicketReplied) => Pick("答复", "Reply"),
        nameof(ReplyRejected) => Pick("企业不满意，退回重办", "Reply rejected, reopened"),
        nameof(TicketClosed) => Pick("办结 / 销号", "Closed"),
        nameof(ReturnRequested) => Pick("退单申请", "Return requested"),
        nameof(ReturnAccepted) => Pick("退单已同意，改派", "Return accepted, re-routed"),
        nameof(ReturnRefused) => Pick("退单未同意", "Return refused"),
        nameof(ExtensionRequested) => Pick("延期申请", "Extension requested"),
        nameof(ExtensionApproved) => Pick("延期已批准", "Extension approved"),
        nameof(ExtensionDenied) => Pick("延期未批准", "Extension denied"),
        nameof(SupervisionOrderIssued) => Pick("下发督办单", "Supervision order issued"),
        nameof(EscalationRaised) => Pick("预警 / 督办", "Escalation"),
        nameof(TicketEscalatedToHq) => Pick("提级至指挥部", "Escalated to HQ"),
        _ => kind,
    };

    public static string Actor(ActorKind actor) => actor switch
    {
        ActorKind.Enterprise => Pick("企业", "Enterprise"),
        ActorKind.Staff => Pick("工作人员", "Staff"),
        _ => Pick("系统", "System"),
    };
}
