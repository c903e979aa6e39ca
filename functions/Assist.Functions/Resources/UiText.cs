using Assist.Domain.Calendar;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;
using Assist.Functions.Web;
using Assist.Storage.Attachments;
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

    // Punctuation: full-width in Chinese, half-width (spaced as English is) in English.
    public static string Colon => Pick("：", ": ");

    public static string ListSeparator => Pick("、", ", ");

    /// <summary>A parenthetical after a word: "（…）" in Chinese, " (…)" in English.</summary>
    public static string Paren(string inner) => Pick($"（{inner}）", $" ({inner})");

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

    public static string UnreadNotifications(int count) => Pick($"{count} 条未读消息", count == 1 ? "1 unread notification" : $"{count} unread notifications");
    public static string NavQueue => Pick("部门工单", "Department queue");
    public static string NavOverdue => Pick("超期督办", "Overdue board");
    public static string NavAdmin => Pick("系统管理", "Administration");
    public static string NavReports => Pick("统计报表", "Reports");
    public static string NavReveals => Pick("号码查看记录", "Mobile reveals");
    public static string NavWorklist => Pick("待审事项", "Worklist");
    public static string NavCommonIssues => Pick("共性问题", "Common issues");

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
        _ => Pick("未知状态", "Unknown status"),
    };

    public static string Type(TicketType type) => type switch
    {
        TicketType.Consultation => Pick("咨询", "Consultation"),
        TicketType.Help => Pick("求助", "Request for help"),
        TicketType.Suggestion => Pick("建议", "Suggestion"),
        TicketType.Complaint => Pick("投诉", "Complaint"),
        TicketType.Report => Pick("举报", "Report of wrongdoing"),
        _ => Pick("其他", "Other"),
    };

    public static string Type(string type) => Enum.TryParse<TicketType>(type, out var parsed) ? Type(parsed) : type;

    /// <summary>A time limit as people say it: "2个工作日" / "2 working days"; zero working days is the same working day.</summary>
    public static string Limit(TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return (limit.Unit, limit.Amount) switch
        {
            (TimeLimitUnit.WorkingDays, 0) => Pick("当日", "the same working day"),
            (TimeLimitUnit.WorkingDays, var days) => Pick($"{days}个工作日", days == 1 ? "1 working day" : $"{days} working days"),
            (_, var hours) => Pick($"{hours}个工作小时", hours == 1 ? "1 working hour" : $"{hours} working hours"),
        };
    }

    /// <summary>"1个工作日内" / "within 1 working day", or "当日" / "the same working day".</summary>
    private static string Within(TimeLimit limit) =>
        limit is { Unit: TimeLimitUnit.WorkingDays, Amount: 0 } ? Limit(limit) : Pick(Limit(limit) + "内", "within " + Limit(limit));

    /// <summary>
    /// What the enterprise is promised for a type of request under the configured SLA policy: when the department
    /// signs in and when it answers (咨询) or resolves (the other types).
    /// </summary>
    public static string TypeHint(TicketType type, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var answered = type == TicketType.Consultation;
        return Pick(
            $"{Within(policy.SignIn)}签收，{Within(policy.Resolution)}{(answered ? "答复" : "办结")}",
            $"signed in {Within(policy.SignIn)}, {(answered ? "answered" : "resolved")} {Within(policy.Resolution)}");
    }

    /// <summary>The urgent box's hint with the urgent limits of the SLA policy (per type when the types differ).</summary>
    public static string HintUrgent(IReadOnlyList<SlaPolicy> urgent)
    {
        ArgumentNullException.ThrowIfNull(urgent);
        var distinct = urgent.Select(p => (p.SignIn, p.Resolution)).Distinct().ToList();
        if (distinct.Count == 0)
        {
            return Pick("确属紧急（如停产、安全隐患）时勾选。", "Tick only when truly urgent (e.g. production stopped, a safety risk).");
        }

        var limits = distinct.Count == 1
            ? Pick($"{Within(distinct[0].SignIn)}签收，{Within(distinct[0].Resolution)}办结", $"signed in {Within(distinct[0].SignIn)} and resolved {Within(distinct[0].Resolution)}")
            : string.Join(Pick("；", "; "), urgent.Select(p => Type(p.Type) + Colon + TypeHint(p.Type, p)));
        return Pick($"确属紧急（如停产、安全隐患）时勾选：{limits}。", $"Tick only when truly urgent (e.g. production stopped, a safety risk): {limits}.");
    }

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
        _ => Unrated,
    };

    public static string Role(StaffRole role) => role switch
    {
        StaffRole.LiaisonOfficer => Pick("联络员", "Liaison officer"),
        StaffRole.DepartmentHead => Pick("部门负责人", "Department head"),
        StaffRole.Supervisor => Pick("督查室", "Supervisor"),
        StaffRole.HqLeader => Pick("指挥部领导", "HQ leader"),
        StaffRole.Administrator => Pick("系统管理员", "Administrator"),
        _ => Pick("工作人员", "Staff"),
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
        EscalationRung.ContributionReminder => Pick("协办提醒", "Co-handling reminder"),
        EscalationRung.ContributionOverdue => Pick("协办意见逾期", "Co-handling contribution overdue"),
        EscalationRung.ContributionRedCard => Pick("协办红牌督办", "Co-handling red card"),
        _ => Pick("预警", "Escalation"),
    };

    /// <summary>Why a ticket went to HQ (提级).</summary>
    public static string Trigger(EscalationTrigger trigger) => trigger switch
    {
        EscalationTrigger.SupervisorOrder => Pick("督查室或指挥部领导决定提级", "Escalated by a supervisor or HQ leader"),
        EscalationTrigger.Overdue => Pick("超期未办结，自动提级", "Escalated automatically: long overdue"),
        EscalationTrigger.RepeatedRejection => Pick("企业多次不满意，提级协调", "Escalated: the enterprise rejected the reply again"),
        _ => Pick("已提级", "Escalated"),
    };

    /// <summary>How a ticket closed: confirmed with its rating (销号), or 未评价 when the enterprise did not answer in time.</summary>
    public static string Closure(ClosureKind kind, SatisfactionRating? rating) => kind switch
    {
        ClosureKind.Confirmed => Pick("企业确认办结", "Confirmed by the enterprise") + (rating is { } given ? " · " + RatingLabel + Colon + Rating(given) : ""),
        ClosureKind.Unrated => Pick("企业未在期限内确认，按未评价办结", "Not confirmed in time: closed as not rated"),
        _ => Status(TicketStatus.Closed),
    };

    /// <summary>A ledger event by its type name, as a step of the timeline.</summary>
    public static string Event(string kind) => kind switch
    {
        nameof(TicketSubmitted) => Pick("受理：诉求已提交", "Submitted"),
        nameof(TicketRouted) => Pick("派单：已派至主办部门", "Routed to the lead department"),
        nameof(OfficerAssigned) => Pick("指定联络员", "Officer assigned"),
        nameof(ManualRoutingRequired) => Pick("无匹配派单规则，待人工派单", "No routing rule matched: waiting for manual routing"),
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
        nameof(HqInstructionGiven) => Pick("指挥部领导批示", "HQ instruction given"),
        nameof(HqInstructionAcknowledged) => Pick("签收批示", "HQ instruction acknowledged"),
        nameof(CoHandlerContributed) => Pick("协办意见", "Co-handler's contribution"),
        nameof(CommonIssueJoined) => Pick("归入共性问题", "Grouped into a common issue"),
        nameof(DeadlinesRecomputed) => Pick("按官方日历重新计算期限", "Deadlines recomputed on the official calendar"),
        _ => Pick("办理记录", "Step"),
    };

    public static string Actor(ActorKind actor) => actor switch
    {
        ActorKind.Enterprise => Pick("企业", "Enterprise"),
        ActorKind.Staff => Pick("工作人员", "Staff"),
        _ => Pick("系统", "System"),
    };

    // Sign-in (Development)
    public static string DevSignInTitle => Pick("开发环境登录", "Development sign-in");
    public static string DevSignInLead => Pick("开发环境：选择一位已登记的用户即可以其身份登录。生产环境通过 App Service 身份验证（Microsoft Entra ID）登录。", "Development only: pick a seeded user to sign in as them. In Azure, staff sign in with App Service Authentication (Microsoft Entra ID).");
    public static string DevSignInUnknown => Pick("该用户不存在或已停用。", "That user does not exist or is inactive.");

    // Submission form
    public static string SubmitTitle => Pick("我要反映问题", "Report a problem");
    public static string SubmitLead => Pick("请如实填写。带“必填”的项目必须填写；提交后您将获得工单编号和查询码，凭此查询办理进度。", "Please fill in the form truthfully. Fields marked “required” must be filled in. You will get a ticket number and a tracking code to follow progress.");
    public static string SectionEnterprise => Pick("企业信息", "Enterprise");
    public static string SectionContact => Pick("联系人", "Contact person");
    public static string SectionProblem => Pick("诉求内容", "The problem");
    public static string SectionPrivacy => Pick("保密与个人信息", "Confidentiality and personal information");
    public static string FieldEnterpriseName => Pick("企业名称", "Enterprise name");
    public static string FieldCreditCode => Pick("统一社会信用代码", "Unified social credit code");
    public static string HintCreditCode => Pick("18位，见营业执照，例如 9144030071526726XG。", "18 characters, on the business licence, e.g. 9144030071526726XG.");
    public static string FieldDistrict => Pick("所属区域", "District");
    public static string FieldIndustry => Pick("所属行业", "Industry");
    public static string FieldSize => Pick("企业规模", "Enterprise size");
    public static string FieldTier => Pick("企业类别", "Enterprise tier");
    public static string FieldContactName => Pick("联系人姓名", "Contact name");
    public static string FieldMobile => Pick("手机号码", "Mobile number");
    public static string HintMobile => Pick("11位手机号码。仅办理部门在需要时可查看完整号码，每次查看均有记录。", "11-digit mobile number. Only the handling department can reveal it, and every reveal is logged.");
    public static string FieldType => Pick("诉求性质", "Type of request");
    public static string FieldTopic => Pick("诉求类别", "Topic");
    public static string FieldUrgent => Pick("紧急诉求", "Urgent");
    public static string FieldTitle => Pick("标题", "Title");
    public static string FieldDescription => Pick("问题描述", "Description");
    public static string HintDescription => Pick("请写明问题经过、已找过的部门和期望的解决方式，至少10个字。", "What happened, whom you already asked, and what you would like done; at least 10 characters.");
    public static string FieldAttachments => Pick("附件", "Attachments");
    public static string HintAttachments(int files, long bytes) => Pick(
        $"最多{files}个文件，每个不超过{bytes / (1024 * 1024)} MB；文件内容须与扩展名相符：{AttachmentTypes.Describe(chinese: true)}。",
        $"Up to {files} files of at most {bytes / (1024 * 1024)} MB each, whose content matches their extension: {AttachmentTypes.Describe(chinese: false)}.");
    public static string FilesChooseAgain => Pick("出于安全原因，浏览器不会保留已选择的文件，请重新选择附件。", "For security, browsers do not keep chosen files: please choose your attachments again.");
    public static string FieldConfidential => Pick("保密", "Confidential");
    public static string HintConfidential => Pick("勾选后，办理部门看不到企业名称、信用代码和联系人，只有督查室可见。", "When ticked, the handling departments do not see the enterprise's name, credit code or contact; only supervisors do.");
    public static string PiplTitle => Pick("个人信息处理告知", "Personal information notice");
    public static string PiplPurposeLabel => Pick("处理目的：", "Purpose: ");
    public static string PiplPurpose => Pick("您提供的联系人姓名和手机号码仅用于办理本诉求、与您联系和回访满意度。", "The contact name and mobile number you give are used only to handle this request, contact you and ask about your satisfaction.");
    public static string PiplRecipientsLabel => Pick("接收方：", "Recipients: ");
    public static string PiplRecipients => Pick("负责办理的政府部门、督查室（营商办）和指挥部办公室；不向其他任何第三方提供。手机号码默认隐藏，查看需留痕。", "The government departments handling the request, the supervision office and the HQ office; no other third party. The mobile number is masked; every reveal is logged.");
    public static string PiplRetentionLabel => Pick("保存期限：", "Retention: ");
    public static string PiplRetention => Pick("办结后保存3年用于考核与审计，期满删除或匿名化。", "Kept for 3 years after closure for assessment and audit, then deleted or anonymised.");
    public static string PiplRightsLabel => Pick("您的权利：", "Your rights: ");
    public static string PiplRights => Pick("您可依《个人信息保护法》查阅、更正或删除您的个人信息，请联系指挥部办公室。", "Under the Personal Information Protection Law you may access, correct or delete your personal information: contact the HQ office.");
    public static string FieldConsent => Pick("我已阅读并同意上述个人信息处理告知", "I have read and accept the personal information notice above");
    public static string SubmitButton => Pick("提交诉求", "Submit the request");
    public static string ChooseOne => Pick("请选择", "Choose…");
    public static string SubmitChangedAfterSending(string? number) => number is null
        ? Pick("此表单已提交过一次且内容已改动，本次未提交。如确需提交新的诉求，请核对后再次点击提交。", "This form was sent before and has changed since, so it was not sent again. To report a new problem, check the form and send it once more.")
        : Pick($"此表单已提交为工单 {number}，之后内容有改动，本次未提交。如确需提交新的诉求，请核对后再次点击提交（将生成新工单）。", $"This form was already sent as ticket {number} and has changed since, so it was not sent again. To report a new problem, check the form and send it once more (a new ticket will be created).");

    public static string SubmitAlreadySent(string number) => Pick($"此表单已提交过，工单编号 {number}。查询码只显示一次，请查看回执。", $"This form was already sent as ticket {number}. The tracking code is shown only once: see your receipt.");

    public static IReadOnlyList<string> Industries => PageCulture.IsEnglish
        ? ["Manufacturing", "Wholesale and retail", "Information technology", "Construction", "Transport and logistics", "Services", "Agriculture", "Energy"]
        : ["制造业", "批发和零售业", "信息技术服务业", "建筑业", "交通运输和物流业", "服务业", "农业", "能源"];

    /// <summary>Sizes (stored in Chinese, as the directory's other data) with their labels.</summary>
    public static IReadOnlyList<(string Value, string Label)> Sizes =>
        [("大型", Pick("大型", "Large")), ("中型", Pick("中型", "Medium")), ("小型", Pick("小型", "Small")), ("微型", Pick("微型", "Micro"))];

    /// <summary>A stored size in the reader's words (a size typed otherwise is shown as typed).</summary>
    public static string Size(string? value) =>
        value is null ? "—" : Sizes.FirstOrDefault(s => s.Value == value).Label ?? value;

    /// <summary>The tiers routing knows, by code (the value sent and stored), from the one shared list.</summary>
    public static IReadOnlyList<(string Value, string Label)> Tiers =>
        [.. EnterpriseTiers.All.Select(t => (t.Code, Pick(t.NameZh, t.NameEn)))];

    // Receipt
    public static string ReceiptTitle => Pick("诉求受理回执", "Receipt");
    public static string ReceiptThanks => Pick("提交成功，您的诉求已受理。", "Thank you: your request has been received.");
    public static string ReceiptGone => Pick("回执只显示一次。如需查看进度，请使用工单编号和查询码。", "The receipt is shown only once. To follow progress, use your ticket number and tracking code.");
    public static string ReceiptKeepCode => Pick("请妥善保存查询码：它只显示这一次，凭工单编号和查询码才能查看进度、补充材料和确认评价。", "Keep the tracking code safe: it is shown only this once, and with the ticket number it is how you follow progress, add information and confirm.");
    public static string TicketNumber => Pick("工单编号", "Ticket number");
    public static string TrackingCode => Pick("查询码", "Tracking code");
    public static string CopyNumber => Pick("复制编号", "Copy number");
    public static string CopyCode => Pick("复制查询码", "Copy code");
    public static string Copied => Pick("已复制", "Copied");
    public static string PrintReceipt => Pick("打印回执", "Print the receipt");
    public static string TrackNow => Pick("查看办理进度", "Follow progress");
    public static string SubmittedAt => Pick("提交时间", "Submitted");

    // Tracking
    public static string TrackLead => Pick("请输入工单编号和查询码。查询码不会出现在网址中。", "Enter the ticket number and tracking code. The code never appears in the address bar.");
    public static string HintTrackingCode => Pick("提交时回执上显示的32位查询码。", "The 32-character code shown on your receipt.");
    public static string TrackOpen => Pick("查询", "Open");
    public static string TrackNotFound => Pick("工单编号或查询码不正确，请核对后重试。", "The ticket number or tracking code is not right. Check them and try again.");
    public static string TrackForget => Pick("在此设备上退出查询", "Forget this ticket on this device");
    public static string TrackInformationAsked => Pick("办理部门请您补充材料", "The department asks for more information");
    public static string TrackYourAnswer => Pick("您的答复", "Your answer");
    public static string TrackSendAnswer => Pick("提交补充材料", "Send the information");
    public static string TrackConfirmTitle => Pick("确认办理结果并评价", "Confirm the result and rate it");
    public static string TrackConfirmLead => Pick("如对答复满意，请选择满意度并确认，工单即办结销号。", "If the answer solves your problem, choose a rating and confirm: the ticket is then closed.");
    public static string TrackConfirmBy => Pick("请在此日期前确认：", "Please confirm by");
    public static string TrackConfirmButton => Pick("确认办结", "Confirm and close");
    public static string TrackRejectTitle => Pick("不满意，退回重办", "Not satisfied: reopen");
    public static string TrackRejectReason => Pick("不满意的原因", "Why are you not satisfied?");
    public static string TrackRejectButton => Pick("退回重办", "Reopen the ticket");
    public static string TrackAnswered => Pick("补充材料已提交，办理时限恢复计时。", "Your information was sent; the clock runs again.");
    public static string TrackConfirmed => Pick("感谢您的评价，工单已办结。", "Thank you for your rating: the ticket is closed.");
    public static string TrackRejected => Pick("已退回重办，办理部门将重新处理。", "The ticket was reopened; the department will work on it again.");
    public static string ChangedMeanwhile => Pick("工单在此期间已有更新，请查看最新情况后重试。", "The ticket changed meanwhile. Review it and try again.");
    public static string RatingLabel => Pick("满意度", "Rating");
    public static string RatingComment => Pick("评价意见", "Comment");
    public static string Unrated => Pick("未评价", "Not rated");
    public static string Replies => Pick("答复", "Replies");
    public static string ReplyResolved => Pick("已解决", "Solved");
    public static string ReplyNotResolved => Pick("未能解决（已说明原因）", "Not solved (reasons given)");
    public static string Timeline => Pick("办理过程", "Timeline");
    public static string TicketFacts => Pick("工单信息", "Ticket");
    public static string LeadDepartment => Pick("主办部门", "Lead department");
    public static string NotYetRouted => Pick("待派单", "Not yet routed");
    public static string TrackOfficer => Pick("联络员", "Liaison officer");
    public static string TrackDesignatedOfficer => Pick("（贵企业的驻企特派员）", " (your enterprise's designated officer)");
    public static string DeadlineResolution => Pick("办理期限", "Due");
    public static string DeadlineSignIn => Pick("签收期限", "Sign-in due");
    public static string DueBy => Pick("期限：", "Due:");
    public static string Provisional => Pick("（暂定，待官方日历公布后重算）", "(provisional until the official calendar is published)");
    public static string Urgent => Pick("紧急", "Urgent");
    public static string Confidential => Pick("保密", "Confidential");
    public static string ClockPaused => Pick("计时暂停（待补充）", "Clock paused (waiting for information)");
    public static string LedgerVerified => Pick("账本已校验", "Ledger verified");
    public static string LedgerVerifiedHint => Pick("每条记录都与前一条哈希相连，已逐条核对无误。", "Every entry is hash-chained to the one before, and every link checks out.");
    public static string LedgerBrokenAt(long? version) => Pick($"账本在第{version}版被篡改", $"Ledger broken at version {version}");
    public static string LedgerBrokenHint => Pick("该版本的存储记录与账本哈希不符：记录被改动、删除或调换。请报告管理员，并以 scripts/verify-ledger 核对。", "The stored record at that version does not match the ledger's hashes: it was changed, removed or reordered. Tell an administrator and check it with scripts/verify-ledger.");

    // Staff lists
    public static string DeskLead => Pick("您负责的在办工单，办理期限最近的在前，每页 50 件。", "The open tickets you own, soonest deadline first, 50 a page.");
    public static string NoTickets => Pick("暂无工单。", "No tickets.");
    public static string NoMatches => Pick("没有符合查询条件的工单。", "No tickets match the search.");
    public static string SearchText => Pick("查询", "Search");
    public static string SearchTextHint => Pick("工单编号、统一社会信用代码或企业名称", "Ticket number, credit code or enterprise name");
    public static string SearchOfficer => Pick("联络员", "Officer");
    public static string SearchStatus => Pick("状态", "Status");
    public static string SearchAny => Pick("全部", "Any");
    public static string Search => Pick("查询", "Search");
    public static string SearchClear => Pick("清除条件", "Clear");
    public static string Pages => Pick("翻页", "Pages");
    public static string SearchBadText => Pick($"查询内容不超过 {TicketSearch.MaxTextLength} 个字符，且不能含控制字符。", $"The search is at most {TicketSearch.MaxTextLength} characters, without control characters.");
    public static string SearchBadOfficer => Pick("所选联络员无效。", "That officer is not valid.");
    public static string SearchBadPageSize(int max) => Pick($"每页条数应为 1 至 {max}。", $"The page size is 1 to {max}.");
    public static string SearchBadStatus => Pick("所选状态无效。", "That status is not valid.");
    public static string InboxTicketFilter => Pick("工单编号", "Ticket number");
    public static string InboxUnreadOnly => Pick("只看未读", "Unread only");
    public static string InboxBadTicket => Pick("工单编号只能包含字母、数字和连字符。", "A ticket number has letters, digits and hyphens only.");
    public static string NoMatchingNotifications => Pick("没有符合条件的消息。", "No notifications match.");
    public static string EnterpriseHidden => Pick("（保密企业）", "(confidential enterprise)");
    public static string EnterpriseHiddenLong => Pick("该诉求为保密诉求，办理部门不显示企业身份。", "This request is confidential: the enterprise is not shown to handling departments.");
    public static string Officer => Pick("联络员", "Officer");
    /// <summary>A resolution deadline moved by a loaded calendar year (the timeline, staff and enterprise).</summary>
    public static string DeadlineRecomputed(IReadOnlyList<int> years, string from, string to) => Pick(
        $"办理期限已按国务院公布的{string.Join("、", years)}年节假日安排重新计算：由{from}调整为{to}",
        $"The deadline was recomputed on the State Council's {string.Join(", ", years)} holiday calendar: moved from {from} to {to}");

    /// <summary>A loaded calendar year recomputed other deadlines (or only confirmed the dates, no longer provisional).</summary>
    public static string DeadlinesRecomputedUnmoved(IReadOnlyList<int> years) => Pick(
        $"已按国务院公布的{string.Join("、", years)}年节假日安排重新计算期限，办理期限不变",
        $"Deadlines recomputed on the State Council's {string.Join(", ", years)} holiday calendar; the resolution deadline is unchanged");

    public static string WorkingDaysOverdue(int days) => Pick($"已超期 {days} 个工作日", $"{days} working day{(days == 1 ? "" : "s")} overdue");
    public static string LegendLabel => Pick("颜色说明", "Colour legend");
    public static string LegendBlue => Pick("临近期限", "due soon");
    public static string LegendYellow => Pick("已到期限，告知部门负责人", "due, head told");
    public static string LegendRed(int workingDaysOverdue) => Pick($"超期{workingDaysOverdue}个工作日，督查室督办", $"{workingDaysOverdue} working days overdue, supervisors");

    public static string LegendHq(int workingDaysOverdue) => Pick($"超期{workingDaysOverdue}个工作日，提级至指挥部", $"{workingDaysOverdue} working days overdue, raised to HQ");
    public static string NoNotifications => Pick("暂无消息。", "No notifications.");
    public static string MarkRead => Pick("标为已读", "Mark read");
    public static string Read => Pick("已读", "Read");
    public static string Department => Pick("部门", "Department");
    public static string Departments => Pick("办理部门", "Handling departments");
    public static string YellowCardItems => Pick("黄牌预警及以上", "Yellow cards and worse");
    public static string AllOpenTickets => Pick("全部在办工单", "All open tickets");
    public static string OverdueLead => Pick("提级至指挥部和红牌在前，其后按超期工作日数排序，每页 50 件。", "Raised to HQ and red cards first, then by working days overdue, 50 a page.");
    public static string PendingReturns => Pick("待审核的退单", "Returns waiting for a decision");

    // The supervisors' worklist
    public static string WorklistTitle => Pick("待审核的退单与延期申请", "Returns and extensions waiting for a decision");
    public static string WorklistLead => Pick("申请最早的在前，请在审核期限前作出决定；审核表单在工单页面。", "Oldest request first: decide each before its deadline, with the forms on the ticket page.");
    public static string WorklistEmpty => Pick("暂无待审核的退单或延期申请。", "No return or extension is waiting for a decision.");
    public static string DecisionKind(PendingDecisionKind kind) => kind switch
    {
        PendingDecisionKind.Return => Pick("退单申请", "Return request"),
        PendingDecisionKind.Extension => Pick("延期申请", "Extension request"),
        _ => kind.ToString(),
    };

    public static string RequestedAt => Pick("申请时间", "Requested");
    public static string RequestedBy => Pick("申请人", "Requested by");
    public static string RequestingDepartment => Pick("申请部门", "Department");
    public static string ExtensionDaysAsked(int days) => Pick($"申请延期 {days} 个工作日", $"{days} more working day{(days == 1 ? "" : "s")} asked");
    public static string DecisionDue => Pick("审核期限", "Decide by");
    public static string DecisionOverdue => Pick("已过审核期限", "Decision overdue");
    public static string Decide => Pick("去审核", "Decide");
    public static string WorklistFirstPage => Pick("第一页", "First page");
    public static string WorklistNextPage => Pick("下一页", "Next page");
    public static string WorklistBadToken => Pick("翻页标记无效，请从第一页重新查看。", "The page marker is not valid: start again from the first page.");

    // Staff ticket
    public static string Version => Pick("版本", "version");
    public static string VersionMissing => Pick("表单缺少工单版本，请刷新页面后重试。", "The form does not say which version of the ticket it was based on. Reload the page and try again.");
    public static string VersionChanged(int expected, int current) => Pick(
        $"您查看的是第 {expected} 版，工单已被他人更新为第 {current} 版。请查看最新情况后重新操作。",
        $"You were looking at version {expected}; someone else has changed the ticket since (now version {current}). Review it and try again.");
    public static string ActionDone(string op) => Pick($"已完成：{OpName(op)}。", $"Done: {OpName(op)}.");
    public static string OpName(string op) => op switch
    {
        "RouteTicket" => OpRoute,
        "AssignOfficer" => OpAssign,
        "ReassignOfficer" => OpReassign,
        "CheckInTicket" => OpCheckIn,
        "RecordContact" => OpContact,
        "RecordProgress" => OpProgress,
        "RequestInformation" => OpRequestInformation,
        "ReplyToTicket" => OpReply,
        "RequestExtension" => OpRequestExtension,
        "DecideExtension" => OpDecideExtension,
        "ReturnTicket" => OpReturn,
        "DecideReturn" => OpDecideReturn,
        "EscalateTicket" => OpEscalate,
        "IssueSupervisionOrder" => OpSupervisionOrder,
        "GiveInstruction" => OpGiveInstruction,
        "AcknowledgeInstruction" => OpAcknowledgeInstruction,
        "SubmitContribution" => OpContribute,
        _ => op,
    };
    public static string Actions => Pick("可执行的操作", "Actions");
    public static string OpCheckIn => Pick("签收 / 报到", "Check in");
    public static string CheckInLead => Pick("确认本部门已接收该工单，开始办理。", "Confirm that your department has taken the ticket and starts work.");
    public static string OpRoute => Pick("派单", "Route");
    public static string CoHandlers => Pick("协办部门", "Co-handling departments");
    public static string OpAssign => Pick("指定联络员", "Assign an officer");
    public static string OpReassign => Pick("改派联络员", "Reassign");
    public static string AssignByRules => Pick("按工作量自动分配", "Choose by workload");
    public static string Reason => Pick("理由", "Reason");
    public static string OpContact => Pick("记录联系企业", "Record contact");
    public static string ContactNote => Pick("联系情况", "What was said");
    public static string OpProgress => Pick("记录办理进展", "Record progress");
    public static string ProgressNote => Pick("进展（内部）", "Progress (internal)");
    public static string OpRequestInformation => Pick("请企业补充材料", "Ask for information");
    public static string Question => Pick("需补充的内容", "What is needed");
    public static string OpReply => Pick("答复企业", "Reply");
    public static string Answer => Pick("答复内容", "Answer");
    public static string ResolvedQuestion => Pick("问题是否已解决？", "Was the problem solved?");
    public static string OpRequestExtension => Pick("申请延期", "Request an extension");
    public static string WorkingDays => Pick("工作日数", "Working days");
    public static string OpDecideExtension => Pick("审核延期申请", "Decide the extension");
    public static string ExtensionAsked(int days) => Pick($"申请延期 {days} 个工作日", $"{days} working days asked");
    public static string Decision => Pick("审核结果", "Decision");
    public static string Approve => Pick("同意", "Approve");
    public static string Deny => Pick("不同意", "Deny");
    public static string DecisionNote => Pick("审核意见", "Note");
    public static string OpReturn => Pick("退单", "Return the ticket");
    public static string OpDecideReturn => Pick("审核退单", "Decide the return");
    public static string AcceptReturn => Pick("同意退单并改派", "Accept and re-route");
    public static string RefuseReturn => Pick("不同意，原部门继续办理", "Refuse: the department keeps it");
    public static string NewLeadDepartment => Pick("改派至主办部门", "New lead department");
    public static string OpEscalate => Pick("提级至指挥部", "Escalate to HQ");
    public static string EscalationNote => Pick("提级说明", "Why");
    public static string OpSupervisionOrder => Pick("下发督办单", "Issue a supervision order");
    public static string Instructions => Pick("督办要求", "Instructions");
    public static string EscalatedToHqBadge => Pick("已提级至指挥部协调", "Escalated to HQ for coordination");
    public static string OpReRoute => Pick("改派（新一轮办理）", "Re-route (a new round)");
    public static string ReRouteLead => Pick("工单已提级至指挥部：改派后由新的主办部门签收，办理期限重新计算。", "The ticket is escalated to HQ: once re-routed, the new lead department signs in and a new deadline starts.");
    public static string OpGiveInstruction => Pick("领导批示", "Give an instruction");
    public static string InstructionText => Pick("批示内容", "Instruction");
    public static string OpAcknowledgeInstruction => Pick("签收批示", "Acknowledge the instruction");
    public static string AcknowledgementNote => Pick("签收说明（可选）", "Note (optional)");
    public static string CommonIssuesLead => Pick("多家企业反映的同一问题归并为共性问题，由牵头部门统一答复；每件工单仍由各自企业确认和评价。未办结工单最多的在前。", "The same problem raised by several enterprises, grouped under one lead department that answers them all; each ticket is still confirmed and rated by its own enterprise. Most open tickets first.");
    public static string NoCommonIssues => Pick("暂无共性问题。", "No common issues yet.");
    public static string OpenMembers(int open, int all) => Pick($"{open}/{all}件未办结", $"{open} of {all} open");
    public static string CommonIssueAnswered => Pick("已统一答复", "Answered");
    public static string CommonIssueLeadDepartment => Pick("牵头部门", "Lead department");
    public static string CommonIssueCreatedAt => Pick("归并时间", "Grouped");
    public static string SuggestedCommonIssues => Pick("疑似共性问题", "Suggested common issues");
    public static string SuggestedCommonIssuesLead => Pick("同一类别、同一属地、30天内受理且标题相近的在办工单。确认后归并，并指定牵头部门。", "Open tickets of the same topic and district, received within 30 days, with similar titles. Confirm to group them and choose the lead department.");
    public static string NoSuggestedCommonIssues => Pick("暂无疑似共性问题。", "No suggestions right now.");
    public static string CommonIssueTitle => Pick("共性问题名称", "Name of the common issue");
    public static string CommonIssueMembers => Pick("归并的工单", "Tickets in it");
    public static string CreateCommonIssue => Pick("归并为共性问题", "Group as a common issue");
    public static string CoordinatedAnswer => Pick("统一答复", "Coordinated answer");
    public static string NoCoordinatedAnswer => Pick("牵头部门尚未统一答复。", "The lead department has not answered yet.");
    public static string AnswerCommonIssue => Pick("统一答复", "Answer them all");
    public static string AnswerCommonIssueLead => Pick("答复将作为每件办理中工单的答复发送给各企业，由各企业分别确认和评价；尚未签收或待补充的工单会列出原因，可稍后再次答复。", "The answer becomes the reply of every ticket in progress, which each enterprise confirms and rates; tickets not signed in or waiting for information are listed with why, and a later answer reaches them.");
    public static string AddCommonIssueMember => Pick("加入工单", "Add a ticket");
    public static string CommonIssueOutcome(int done, int notDone) => Pick($"已处理{done}件，未处理{notDone}件。", $"{done} done, {notDone} not.");
    public static string CommonIssueNotDone(string number, string reason) => Pick($"{number}：{reason}", $"{number}: {reason}");
    public static string CommonIssueNotFound => Pick("未找到该共性问题。", "No such common issue.");
    public static string ContributionDeadline => Pick("协办期限", "Contribution due");
    public static string OpContribute => Pick("提交协办意见", "Submit the co-handling contribution");
    public static string ContributionText => Pick("协办意见（供主办部门汇总答复）", "Contribution (for the lead department's reply)");
    public static string ContributionLead(string due) => Pick($"请在 {due} 前提交本部门的协办意见，主办部门汇总后答复企业。", $"Submit your department's part by {due}; the lead department replies to the enterprise with it.");
    public static string Contributed(string at, bool onTime) => Pick($"{at} 已提交协办意见{(onTime ? "" : "（逾期）")}", $"contributed {at}{(onTime ? "" : " (late)")}");
    public static string ContributionDue(string due) => Pick($"协办意见未提交，期限 {due}", $"contribution not submitted, due {due}");
    public static string ContributionMissed(string due) => Pick($"协办意见逾期未提交（期限 {due}）", $"contribution overdue (was due {due})");
    public static string ReplyIncludes(string departments) => Pick($"已汇总协办意见：{departments}", $"Includes the contributions of {departments}");
    public static string ReplyLacks(string departments) => Pick($"逾期未提交协办意见：{departments}", $"Without the overdue contributions of {departments}");
    public static string HqInstructions => Pick("指挥部领导批示", "HQ instructions");
    public static string InstructionPending => Pick("待签收", "Waiting for acknowledgement");
    public static string InstructionAcknowledged(string when) => Pick($"已签收（{when}）", $"Acknowledged {when}");
    public static string RevealMobile => Pick("查看完整手机号", "Reveal the mobile number");
    public static string RevealHint => Pick("每次查看都会记录查看人和时间。", "Every reveal is logged with who and when.");
    public static string RevealLogged => Pick("（本次查看已记录）", "(this reveal was logged)");

    // Reveal audit (/staff/reveals)
    public static string RevealsLead => Pick("每次查看企业完整手机号码的记录，最新的在前。", "Every reveal of an enterprise's full mobile number, newest first.");
    public static string RevealsTicketFilter => Pick("工单编号", "Ticket number");
    public static string RevealsTicketHint => Pick("留空查看全部工单", "Leave empty for every ticket");
    public static string RevealsShow => Pick("查询", "Show");
    public static string RevealsEmpty => Pick("暂无查看记录。", "No reveals recorded.");
    public static string RevealsWhen => Pick("查看时间", "When");
    public static string RevealsTicket => Pick("工单", "Ticket");
    public static string RevealsWho => Pick("查看人", "Who");
    public static string RevealsRole => Pick("角色", "Role");
    public static string RevealsDepartment => Pick("所在部门", "Department");
    public static string RevealsAddress => Pick("来源地址", "Client address");
    public static string RevealsFirstPage => Pick("第一页", "First page");
    public static string RevealsNextPage => Pick("下一页", "Next page");
    public static string RevealsBadTicket => Pick("工单编号只能包含字母、数字和连字符。", "A ticket number has only letters, digits and hyphens.");
    public static string RevealsBadToken => Pick("翻页标记无效，请从第一页重新查询。", "The page marker is not valid: start again from the first page.");
    public static string DeadlineConfirmation => Pick("企业确认期限", "Confirmation due");
    public static string DeadlineReturn => Pick("可退单期限", "Return possible until");
    public static string Escalations => Pick("预警记录", "Escalations");
    public static string RoleLead => Pick("主办", "lead");
    public static string RoleCoHandler => Pick("协办", "co-handler");
    public static string SignedInAt(string at, bool onTime) => Pick($"{at} 已签收{(onTime ? "" : "（超时）")}", $"signed in {at}{(onTime ? "" : " (late)")}");
    public static string NotSignedIn(string due) => Pick($"未签收，期限 {due}", $"not signed in, due {due}");
    public static string SupervisionOrders => Pick("督办单", "Supervision orders");
    public static string Fulfilled => Pick("已办结", "fulfilled");

    // Administration
    public static string AdminDepartments => Pick("部门", "Departments");
    public static string AdminUsers => Pick("用户与角色", "Users and roles");
    public static string AdminTopics => Pick("诉求类别", "Topics");
    public static string AdminRouting => Pick("派单规则", "Routing rules");
    public static string AdminPolicies => Pick("时限策略与预警阶梯", "SLA policies and escalation ladder");
    public static string AdminCalendar => Pick("工作日历", "Calendar years");
    public static string AdminWeights => Pick("考核权重", "Score weights");
    public static string AdminId => Pick("编号", "Id");
    public static string AdminCode => Pick("代码", "Code");
    public static string AdminName => Pick("名称", "Name");
    public static string AdminNameZh => Pick("中文名称", "Chinese name");
    public static string AdminNameEn => Pick("英文名称", "English name");
    public static string AdminHqOffice => Pick("指挥部办公室（手工派单）", "HQ office (routes by hand)");
    public static string AdminActive => Pick("在用", "Active");
    public static string AdminRoles => Pick("角色", "Roles");
    public static string AdminAddOrChange => Pick("新增或修改（按编号）", "Add or change (by id)");
    public static string AdminJsonHint => Pick("以 JSON 编辑，保存前按与管理接口相同的规则校验，立即生效，无需重新部署。", "Edited as JSON, checked with the same rules as the admin API, effective at once without a redeploy.");
    public static string AdminJsonInvalid => Pick("JSON 格式有误或缺少必填项。", "The JSON is malformed or misses required fields.");
    public static string CalendarData => Pick("数据", "Data");

    public static string CalendarSourceHeading => Pick("来源", "Source");

    public static string CalendarSpecialDays => Pick("节假日及调休天数", "Holidays and make-up days");

    public static string CalendarLoadedAt => Pick("导入时间", "Loaded");

    public static string CalendarProvisional => Pick("暂定（按周一至周五计）", "Provisional (Monday–Friday)");

    public static string CalendarOfficial => Pick("官方", "Official");

    public static string CalendarSource(Assist.Storage.Directory.CalendarYearSource source) => source switch
    {
        Assist.Storage.Directory.CalendarYearSource.Embedded => Pick("随系统提供", "Shipped with Assist"),
        Assist.Storage.Directory.CalendarYearSource.Loaded => Pick("管理员导入", "Loaded by an administrator"),
        _ => Pick("尚未发布", "Not published yet"),
    };

    public static string AdminCalendarLead => Pick("上传国务院办公厅放假通知对应年份的日历 JSON（holiday-cn 格式）。此后计算的期限按该年份的节假日和调休计算；在办工单中按周一至周五计算的暂定期限随即重新计算，办理期限有变化的记入办理记录并告知企业。", "Upload a year's calendar JSON (holiday-cn format, from the State Council notice). Deadlines computed from then on follow its holidays and make-up workdays; open tickets' provisional deadlines, computed on Monday–Friday, are recomputed at once, and a resolution deadline that moves is recorded on the ticket's timeline and shown to the enterprise.");

    /// <summary>After a calendar year was loaded on the manage page: how many open tickets were asked to recompute.</summary>
    public static string AdminCalendarLoaded(int year, int asked, int recomputed) => Pick(
        $"已保存{year}年日历。{asked}件在办工单有暂定期限，已重新计算，其中{recomputed}件期限有变化。",
        $"Saved the {year} calendar. {asked} open ticket{(asked == 1 ? "" : "s")} with a provisional deadline {(asked == 1 ? "was" : "were")} asked to recompute; {recomputed} changed.");
    public static string AdminYear => Pick("年份", "Year");
    public static string AdminCalendarFile => Pick("日历文件（JSON）", "Calendar file (JSON)");
    public static string AdminUpload => Pick("上传", "Upload");
    public static string AdminCalendarMissing => Pick("请填写年份（2000–2100）并选择不超过 512 KB 的 JSON 文件。", "Give the year (2000–2100) and a JSON file of at most 512 KB.");
    public static string AdminCalendarInvalid(int year, string detail) => Pick($"不是有效的{year}年日历：{detail}", $"Not a valid calendar for {year}: {detail}");
    public static string AdminDesignated => Pick("驻企特派员", "Designated officers");
    public static string AdminDesignatedLead => Pick("每家企业（按统一社会信用代码）可指定一名联络员为驻企特派员：该企业的诉求由其所在部门主办时优先派给该特派员，否则仍按在办量均衡分派。上传 CSV 文件：首行为列名，须含 creditCode 和 officerId 两列（企业名称等其他列忽略）；任一行有误则整份文件不导入。", "Each enterprise (by its unified social credit code) may have one liaison officer as its designated officer: its tickets go to them when their department leads, otherwise to the least-loaded officer. Upload a CSV file whose first line names the columns creditCode and officerId (other columns, such as the enterprise's name, are ignored); one bad line and nothing of the file is imported.");
    public static string AdminCreditCode => Pick("统一社会信用代码", "Credit code");
    public static string AdminDesignatedFile => Pick("CSV 文件", "CSV file");
    public static string AdminDesignatedNone => Pick("尚未指定驻企特派员。", "No designated officers yet.");
    public static string AdminDesignatedMissing => Pick("请选择不超过 1 MB 的 CSV 文件。", "Choose a CSV file of at most 1 MB.");

    // Webhooks (the manage page's receivers)
    public static string AdminWebhooks => Pick("Webhook 推送", "Webhooks");
    public static string AdminWebhooksLead => Pick(
        "通知（新分派、提醒、黄牌红牌、提级等）可推送到短信、微信或邮件网关。每次推送都带签名（X-Assist-Signature：对“时间戳.正文”的 HMAC-SHA256，时间戳见 X-Assist-Timestamp）和推送编号（X-Assist-Delivery，重试时不变，供接收端去重）；失败时按退避间隔自动重试。推送内容不含企业名称、信用代码、联系人或手机号。生产环境只接受 https 地址。",
        "Notifications (new assignments, reminders, yellow and red cards, HQ escalations …) can be posted to an SMS, WeChat or e-mail gateway. Every delivery is signed (X-Assist-Signature: HMAC-SHA256 of \"timestamp.body\", the timestamp in X-Assist-Timestamp) and carries a delivery id (X-Assist-Delivery, the same on every retry, for the receiver to drop repeats); a failed delivery is retried with growing waits. No delivery carries an enterprise's name, credit code, contact or mobile. Production accepts https addresses only.");
    public static string AdminWebhooksNone => Pick("尚未配置接收端。", "No receivers yet.");
    public static string AdminWebhookUrl => Pick("接收地址", "URL");
    public static string AdminWebhookEvents => Pick("推送的通知类型（不选即全部）", "Notification kinds (none ticked: all)");
    public static string AdminWebhookEventsShort => Pick("通知类型", "Kinds");
    public static string AdminWebhookAllEvents => Pick("全部", "All");
    public static string AdminWebhookSecretHint => Pick("签名密钥", "Signing secret");
    public static string AdminWebhookReceiver => Pick("接收端", "Receiver");
    public static string AdminWebhookNew => Pick("（新增）", "(new)");
    public static string AdminWebhookSendTest => Pick("发送测试", "Send test");
    public static string AdminWebhookRotate => Pick("更换密钥", "Rotate secret");
    public static string AdminWebhookDelete => Pick("删除", "Delete");
    public static string AdminWebhookDeliveries => Pick("最近推送", "Latest deliveries");
    public static string AdminWebhookNoDeliveries => Pick("暂无推送记录。", "Nothing delivered yet.");
    public static string AdminWebhookDeliveryId => Pick("推送编号", "Delivery");
    public static string AdminWebhookStatusHeading => Pick("状态", "Status");
    public static string AdminWebhookAttempts => Pick("尝试次数", "Attempts");
    public static string AdminWebhookLastError => Pick("最近错误", "Last error");
    public static string AdminWebhookCreatedAt => Pick("时间", "When");
    public static string AdminWebhookNotFound => Pick("未找到该接收端。", "That receiver was not found.");
    public static string AdminWebhookTestSent => Pick("测试推送已发出，结果见下方最近推送。", "The test delivery is on its way; its outcome shows under the latest deliveries.");
    public static string AdminWebhookSecretLabel => Pick("签名密钥（仅显示这一次，请立即复制保存）", "Signing secret (shown this once: copy it now)");

    public static string AdminWebhookSecretShown(string name) => Pick($"已为“{name}”生成新的签名密钥。", $"A new signing secret was issued for “{name}”.");

    public static string AdminWebhooksFull(int max) => Pick($"接收端已达{max}个上限，请先删除一个。", $"There are already {max} receivers; remove one first.");

    public static string AdminWebhookStatus(Assist.Storage.Webhooks.WebhookDeliveryStatus status) => status switch
    {
        Assist.Storage.Webhooks.WebhookDeliveryStatus.Delivered => Pick("已送达", "Delivered"),
        Assist.Storage.Webhooks.WebhookDeliveryStatus.Failed => Pick("失败", "Failed"),
        _ => Pick("等待（重试）中", "Pending"),
    };

    /// <summary>A notification kind by its title (the same words as the inbox), or the test delivery.</summary>
    public static string AdminWebhookKind(string kind)
    {
        if (kind == Assist.Storage.Webhooks.WebhookEvent.TestKind)
        {
            return Pick("测试推送", "Test delivery");
        }

        var (en, zh) = NotificationKinds.Titles(kind);
        return Pick(zh, en);
    }
    public static string AdminMetric => Pick("指标", "Metric");
    public static string AdminWeight => Pick("权重", "Weight");
    public static string AdminFloor => Pick("底线", "Floor");
    public static string AdminWeightsHint => Pick("低于底线的指标记0分。权重随目录数据加载（种子文件）。", "A metric below its floor scores 0. Weights are loaded with the directory data (seed file).");
    public static string OnTime => Pick("按时签收", "on time");
    public static string Late => Pick("超时签收", "late");
}
