using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Routing;
using Assist.Domain.Validation;

namespace Assist.Domain.Tickets;

/// <summary>
/// The ticket workflow as a decider: <see cref="Decide"/> turns (state, command, now, context) into events or a
/// rejection, <see cref="Evolve"/> folds an event into the state, <see cref="Timers"/> lists the timers the state
/// holds. All three are pure: safe to retry, no clock reads, no I/O.
/// </summary>
public static partial class TicketDecider
{
    private const int MaxTextLength = 4000;

    public static Decision Decide(TicketState state, TicketCommand command, DateTimeOffset now, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (!TicketTransitions.Allows(state.Status, command))
        {
            var name = command.GetType().Name;
            return Decision.Reject(
                RejectionCodes.NotAllowedInStatus,
                $"{name} is not possible while the ticket is {state.Status}.",
                $"工单当前状态为“{TicketTransitions.NameZh(state.Status)}”，不能执行此操作（{name}）。");
        }

        return command switch
        {
            SubmitTicket c => Submit(c, now, context),
            RouteByRules c => RouteAutomatically(state, c, now, context),
            RouteTicket c => Route(state, c, now, context),
            AssignOfficer c => Assign(state, c, now, context),
            ReassignOfficer c => Reassign(state, c, now, context),
            CheckIn c => SignIn(state, c, now, context),
            RecordContact c => Contact(state, c, now, context),
            RecordProgress c => Progress(state, c, now, context),
            SubmitContribution c => Contribute(state, c, now, context),
            JoinCommonIssue c => Join(state, c, now, context),
            RequestInformation c => AskForInformation(state, c, now, context),
            ProvideInformation c => Resume(state, c, now, context),
            Reply c => Answer(state, c, now, context),
            Confirm c => Close(state, c, now),
            RejectReply c => Reopen(state, c, now, context),
            ReturnTicket c => RequestReturn(state, c, now, context),
            DecideReturn c => ResolveReturn(state, c, now, context),
            RequestExtension c => AskForExtension(state, c, now, context),
            DecideExtension c => ResolveExtension(state, c, now, context),
            EscalateTicket c => Escalate(state, c, now, context),
            IssueSupervisionOrder c => Supervise(state, c, now, context),
            GiveInstruction c => Instruct(state, c, now, context),
            AcknowledgeInstruction c => AcknowledgeInstructions(state, c, now, context),
            TimerElapsed c => Elapse(state, c, now, context),
            RecomputeDeadlines c => Recompute(state, c, now, context),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
        };
    }

    private static Decision Submit(SubmitTicket c, DateTimeOffset now, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(c.TicketId) || string.IsNullOrWhiteSpace(c.TicketNumber))
        {
            return Invalid("A ticket needs an id and a number.", "工单缺少编号。");
        }

        var validation = EnterpriseFormValidator.Validate(c.Form, context.Directory);
        if (validation.Submission is not { } submission)
        {
            return Decision.Reject(new Rejection(
                RejectionCodes.ValidationFailed,
                "The form has errors; see the fields.",
                "表单填写有误，请按提示修改。",
                validation.Errors));
        }

        return Decision.Accept(new TicketSubmitted(c.TicketId, c.By, now, c.TicketNumber, submission));
    }

    private static Decision RouteAutomatically(TicketState state, RouteByRules c, DateTimeOffset now, DecisionContext context)
    {
        if (c.By.Kind != ActorKind.System)
        {
            return Forbidden("the system's routing", "系统自动派单");
        }

        if (state.Status != TicketStatus.Submitted || state.RouteCount > 0)
        {
            return Decision.Accept();
        }

        var submission = state.Submission!;
        var route = context.Routing.Resolve(submission.Topic, submission.Enterprise.District, submission.Enterprise.Tier);
        if (route is not null && CheckDepartments(context, route.LeadDepartmentId, route.CoHandlerDepartmentIds) is null)
        {
            return Decision.Accept(RouteEvents(context, state.TicketId, submission, Actor.System, now, route.LeadDepartmentId, route.CoHandlerDepartmentIds, route.RuleId, 1));
        }

        // The HQ office routes it by hand: ask it once (the routing step may run again).
        if (state.AwaitingManualRouting)
        {
            return Decision.Accept();
        }

        var office = context.Directory.HqOffice is { } hq ? context.Directory.MembersOf(hq.Id) : [];
        return Decision.Accept(new ManualRoutingRequired(
            state.TicketId,
            Actor.System,
            now,
            TicketClocks.Recipients(context.Directory, office).ToValueList(),
            TicketClocks.NotifyAt(context, state, now)));
    }

    private static Decision Route(TicketState state, RouteTicket c, DateTimeOffset now, DecisionContext context)
    {
        if (!CanRoute(context, c.By))
        {
            return Forbidden("the HQ office, a supervisor or an administrator", "指挥部办公室、督查人员或管理员");
        }

        if (state.Status != TicketStatus.Submitted && ReRouteRefused(state, c, context) is { } refused)
        {
            return refused;
        }

        if (CheckDepartments(context, c.LeadDepartmentId, c.CoHandlerDepartmentIds) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        return Decision.Accept(RouteEvents(context, state.TicketId, state.Submission!, c.By, now, c.LeadDepartmentId, c.CoHandlerDepartmentIds, null, state.RouteCount + 1));
    }

    private static Decision Assign(TicketState state, AssignOfficer c, DateTimeOffset now, DecisionContext context)
    {
        var lead = state.LeadDepartmentId!;
        if (c.By.Kind != ActorKind.System && !IsHeadOf(context, c.By, lead) && !IsSupervisor(context, c.By))
        {
            return Forbidden("the lead department's head or a supervisor", "主办部门负责人或督查人员");
        }

        if (state.OfficerId is not null)
        {
            return Decision.Reject(
                RejectionCodes.OfficerAlreadyAssigned,
                $"Officer {state.OfficerId} already owns this ticket; reassign it instead.",
                $"该工单已由{state.OfficerId}负责，如需调整请改派。");
        }

        if (c.OfficerId is { } officer)
        {
            if (!IsOfficerOf(context, officer, lead))
            {
                return UnknownOfficer(officer);
            }

            return Decision.Accept(new OfficerAssigned(state.TicketId, c.By, now, lead, officer, AssignmentReason.Manual, null, null));
        }

        var choice = OfficerAssignment.Choose(context.Directory, lead, state.Submission!.Enterprise.CreditCode, context.Workloads);
        return choice is null
            ? Decision.Reject(
                RejectionCodes.NoOfficerAvailable,
                $"Department {lead} has no active liaison officer to assign.",
                $"部门{lead}没有可指派的联络员。")
            : Decision.Accept(new OfficerAssigned(state.TicketId, c.By, now, lead, choice.OfficerId, choice.Reason, null, null));
    }

    private static Decision Reassign(TicketState state, ReassignOfficer c, DateTimeOffset now, DecisionContext context)
    {
        var lead = state.LeadDepartmentId!;
        if (!IsHeadOf(context, c.By, lead) && !IsSupervisor(context, c.By))
        {
            return Forbidden("the lead department's head or a supervisor", "主办部门负责人或督查人员");
        }

        if (RequireText(c.Reason, "reason", "改派理由") is { } missing)
        {
            return missing;
        }

        if (!IsOfficerOf(context, c.OfficerId, lead) || c.OfficerId == state.OfficerId)
        {
            return UnknownOfficer(c.OfficerId);
        }

        return Decision.Accept(new OfficerAssigned(state.TicketId, c.By, now, lead, c.OfficerId, AssignmentReason.Reassigned, state.OfficerId, c.Reason));
    }

    private static Decision SignIn(TicketState state, CheckIn c, DateTimeOffset now, DecisionContext context)
    {
        if (state.Department(c.DepartmentId) is not { } department)
        {
            return NotHandling(c.DepartmentId);
        }

        var isOwnOfficer = department.Role == DepartmentRole.Lead && c.By.Id == state.OfficerId && c.By.Kind == ActorKind.Staff;
        if (!isOwnOfficer && !IsMember(context, c.By, c.DepartmentId))
        {
            return Forbidden("staff of that department", "该部门工作人员");
        }

        if (department.SignedInAt is not null)
        {
            return Decision.Reject(
                RejectionCodes.AlreadySignedIn,
                $"Department {c.DepartmentId} already signed in.",
                $"部门{c.DepartmentId}已签收。");
        }

        return Decision.Accept(new DepartmentSignedIn(state.TicketId, c.By, now, c.DepartmentId, now <= department.SignInDue.At));
    }

    /// <summary>
    /// Contact with the enterprise, by the lead's staff or a co-handler's (协办 departments may need to talk to it for
    /// their part). Only the lead's first contact is the ticket's response time (响应).
    /// </summary>
    private static Decision Contact(TicketState state, RecordContact c, DateTimeOffset now, DecisionContext context)
    {
        string department;
        if (IsLeadStaff(state, context, c.By))
        {
            department = state.LeadDepartmentId!;
        }
        else if (state.Departments.FirstOrDefault(d => d.Role == DepartmentRole.CoHandler && IsMember(context, c.By, d.DepartmentId)) is { } coHandler)
        {
            department = coHandler.DepartmentId;
        }
        else
        {
            return Forbidden("staff of a handling department", "承办部门工作人员");
        }

        var first = department == state.LeadDepartmentId && state.FirstContactAt is null;
        return RequireText(c.Note, "note", "联系记录")
            ?? Decision.Accept(new EnterpriseContacted(state.TicketId, c.By, now, department, c.Note, first));
    }

    /// <summary>
    /// 协办意见: a co-handling department's part, once, after it signed in, by its staff. On time when it comes by the
    /// department's own contribution deadline; a late one is still taken (the lead may still be waiting for it).
    /// </summary>
    private static Decision Contribute(TicketState state, SubmitContribution c, DateTimeOffset now, DecisionContext context)
    {
        if (state.Department(c.DepartmentId) is not { } department)
        {
            return NotHandling(c.DepartmentId);
        }

        if (department.Role != DepartmentRole.CoHandler)
        {
            return Decision.Reject(
                RejectionCodes.NotACoHandler,
                $"Department '{c.DepartmentId}' leads this ticket: it replies (答复); contributions are the co-handlers' part.",
                $"部门“{c.DepartmentId}”是主办部门，应直接答复；协办意见由协办部门提交。");
        }

        if (!IsMember(context, c.By, c.DepartmentId))
        {
            return Forbidden("staff of that co-handling department", "该协办部门工作人员");
        }

        if (department.SignedInAt is null)
        {
            return Decision.Reject(
                RejectionCodes.SignInRequired,
                $"Department '{c.DepartmentId}' must sign in (签收) before it contributes.",
                $"部门“{c.DepartmentId}”须先签收，再提交协办意见。");
        }

        if (department.ContributedAt is not null)
        {
            return Decision.Reject(
                RejectionCodes.AlreadyContributed,
                $"Department '{c.DepartmentId}' already submitted its contribution; record further progress as notes.",
                $"部门“{c.DepartmentId}”已提交协办意见，后续情况请记录办理进展。");
        }

        return RequireText(c.Text, "contribution", "协办意见")
            ?? Decision.Accept(new CoHandlerContributed(state.TicketId, c.By, now, c.DepartmentId, c.Text, department.ContributionDue is not { } due || now <= due.At));
    }

    private static Decision Progress(TicketState state, RecordProgress c, DateTimeOffset now, DecisionContext context)
    {
        var department = state.Departments.FirstOrDefault(d => IsMember(context, c.By, d.DepartmentId))?.DepartmentId
            ?? (IsLeadStaff(state, context, c.By) ? state.LeadDepartmentId : null);
        if (department is null)
        {
            return Forbidden("staff of a handling department", "承办部门工作人员");
        }

        return RequireText(c.Note, "note", "办理进展")
            ?? Decision.Accept(new ProgressRecorded(state.TicketId, c.By, now, department, c.Note));
    }

    private static Decision AskForInformation(TicketState state, RequestInformation c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsLeadStaff(state, context, c.By))
        {
            return LeadOnly();
        }

        return RequireText(c.Question, "question", "需补充的内容")
            ?? Decision.Accept(new InformationRequested(state.TicketId, c.By, now, c.Question));
    }

    private static Decision Resume(TicketState state, ProvideInformation c, DateTimeOffset now, DecisionContext context)
    {
        if (c.By.Kind != ActorKind.Enterprise)
        {
            return EnterpriseOnly();
        }

        if (RequireText(c.Answer, "answer", "补充内容") is { } missing)
        {
            return missing;
        }

        var clock = state.Clock!;
        var paused = context.Calendar.WorkingTimeBetween(state.PausedAt!.Value, now);
        var adjustments = TicketClocks.Adjustments(state) is { } known ? known with { PausedWorkingTime = known.PausedWorkingTime + paused } : null;
        var resumed = TicketClocks.WithDue(context, clock.StartedAt, clock.Limit, context.Calendar.Shift(clock.Due, paused), adjustments);
        return Decision.Accept(new InformationProvided(state.TicketId, c.By, now, c.Answer, c.Attachments, paused, resumed));
    }

    /// <summary>
    /// 归入共性问题 by a supervisor. Joining the same issue again changes nothing; a ticket belongs to one issue at most. The
    /// ticket keeps its departments and clock: the issue's lead department gives the coordinated answer (<see cref="Answer"/>).
    /// </summary>
    private static Decision Join(TicketState state, JoinCommonIssue c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsSupervisor(context, c.By))
        {
            return Forbidden("a supervisor", "督查人员");
        }

        if (RequireText(c.CommonIssueId, "common issue", "共性问题编号") is { } missing)
        {
            return missing;
        }

        if (context.Directory.FindDepartment(c.LeadDepartmentId) is null)
        {
            return Decision.Reject(RejectionCodes.UnknownDepartment, $"Department '{c.LeadDepartmentId}' does not exist or is inactive.", $"部门“{c.LeadDepartmentId}”不存在或已停用。");
        }

        if (state.CommonIssueId == c.CommonIssueId)
        {
            return Decision.Accept();
        }

        if (state.CommonIssueId is { } other)
        {
            return Decision.Reject(
                RejectionCodes.InAnotherCommonIssue,
                $"The ticket already belongs to common issue {other}.",
                $"该工单已归入共性问题{other}。");
        }

        return Decision.Accept(new CommonIssueJoined(state.TicketId, c.By, now, c.CommonIssueId, c.LeadDepartmentId));
    }

    private static Decision Answer(TicketState state, Reply c, DateTimeOffset now, DecisionContext context)
    {
        // The coordinated answer of a common issue (共性问题) comes from that issue's lead department, whatever the
        // ticket's own lead; any other reply from the ticket's own lead staff.
        string department;
        if (c.CommonIssueId is { } commonIssue)
        {
            if (state.CommonIssueId != commonIssue)
            {
                return Decision.Reject(RejectionCodes.NotInCommonIssue, $"The ticket does not belong to common issue {commonIssue}.", $"该工单不属于共性问题{commonIssue}。");
            }

            if (!IsMember(context, c.By, state.CommonIssueLeadDepartmentId!))
            {
                return Forbidden("staff of the common issue's lead department", "共性问题牵头部门工作人员");
            }

            department = state.CommonIssueLeadDepartmentId!;
        }
        else if (IsLeadStaff(state, context, c.By))
        {
            department = state.LeadDepartmentId!;
        }
        else
        {
            return LeadOnly();
        }

        if (RequireText(c.Answer, "answer", "答复内容") is { } missing)
        {
            return missing;
        }

        // The reply waits for every co-handler's contribution until that co-handler's own deadline; past it, the lead may
        // reply without it, and the reply records whose part it lacks (the lateness is counted against the co-handler).
        var owing = state.Departments.Where(d => d.OwesContribution).ToList();
        var waitingFor = owing.Where(d => now <= d.ContributionDue!.At).ToList();
        if (waitingFor.Count > 0)
        {
            var names = string.Join(", ", waitingFor.Select(d => d.DepartmentId));
            var until = waitingFor.Max(d => d.ContributionDue!.At);
            return Decision.Reject(
                RejectionCodes.ContributionsPending,
                $"The reply waits for the co-handlers' contributions ({names}) until {until:yyyy-MM-dd HH:mm}, or until they submit them.",
                $"答复须待协办部门（{names}）提交协办意见；协办部门逾期（{until:yyyy-MM-dd HH:mm}后）未提交的，可先行答复。");
        }

        // A ticket without co-handlers on a contribution clock records neither list (its reply reads as it always did).
        var coHandled = state.Departments.Any(d => d.Role == DepartmentRole.CoHandler && d.ContributionDue is not null);
        var contributions = coHandled ? state.Departments.Where(d => d.Role == DepartmentRole.CoHandler && d.ContributedAt is not null).Select(d => d.DepartmentId).ToValueList() : null;
        var confirmationDue = context.Calendar.Add(now, context.Policies.Confirmation.Window);
        return Decision.Accept(new TicketReplied(
            state.TicketId,
            c.By,
            now,
            department,
            c.Answer,
            c.Resolved,
            now <= state.Clock!.Due.At,
            confirmationDue,
            contributions,
            coHandled ? owing.Select(d => d.DepartmentId).ToValueList() : null,
            c.CommonIssueId));
    }

    private static Decision Close(TicketState state, Confirm c, DateTimeOffset now)
    {
        if (c.By.Kind != ActorKind.Enterprise)
        {
            return EnterpriseOnly();
        }

        if (!Enum.IsDefined(c.Rating))
        {
            return Invalid("Choose one of the five satisfaction levels.", "请选择五级满意度之一。");
        }

        return Decision.Accept(new TicketClosed(state.TicketId, c.By, now, ClosureKind.Confirmed, c.Rating, c.Comment));
    }

    private static Decision Reopen(TicketState state, RejectReply c, DateTimeOffset now, DecisionContext context)
    {
        if (c.By.Kind != ActorKind.Enterprise)
        {
            return EnterpriseOnly();
        }

        if (RequireText(c.Reason, "reason", "不满意的原因") is { } missing)
        {
            return missing;
        }

        var rejections = state.ReplyRejections + 1;
        var events = new List<TicketEvent>
        {
            new ReplyRejected(state.TicketId, c.By, now, c.Reason, rejections, TicketClocks.Start(context, now, state.Clock!.Limit)),
        };
        if (rejections > context.Policies.Confirmation.MaxReopensBeforeEscalation && !state.EscalatedToHq)
        {
            events.Add(HqEscalation(state, Actor.System, now, context, EscalationTrigger.RepeatedRejection, c.Reason));
        }

        return Decision.Accept(events);
    }

    private static Decision RequestReturn(TicketState state, ReturnTicket c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsLeadStaff(state, context, c.By))
        {
            return LeadOnly();
        }

        if (RequireText(c.Reason, "reason", "退单理由") is { } missing)
        {
            return missing;
        }

        if (state.ReturnDecidedThisRound)
        {
            return Decision.Reject(
                RejectionCodes.ReturnAlreadyDecided,
                "A supervisor already decided a return of this ticket; the decision is final.",
                "该工单的退单已由督查人员审核，审核结果为最终决定。");
        }

        if (now > state.ReturnWindow!.At)
        {
            return Decision.Reject(
                RejectionCodes.ReturnWindowClosed,
                $"Returns were possible until {state.ReturnWindow.At:yyyy-MM-dd HH:mm}.",
                $"退单时限已于{state.ReturnWindow.At:yyyy-MM-dd HH:mm}届满。");
        }

        var decisionDue = context.Calendar.Add(now, context.Policies.Return.DecisionWindow);
        return Decision.Accept(new ReturnRequested(state.TicketId, c.By, now, state.LeadDepartmentId!, c.Reason, decisionDue));
    }

    private static Decision ResolveReturn(TicketState state, DecideReturn c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsSupervisor(context, c.By))
        {
            return Forbidden("a supervisor", "督查人员");
        }

        if (RequireText(c.Note, "note", "审核意见") is { } missing)
        {
            return missing;
        }

        var returning = state.PendingReturn!.DepartmentId;
        if (!c.Accept)
        {
            return Decision.Accept(new ReturnRefused(state.TicketId, c.By, now, returning, c.Note));
        }

        if (string.IsNullOrWhiteSpace(c.NewLeadDepartmentId) || c.NewLeadDepartmentId == returning)
        {
            return Invalid("Accepting a return needs a new lead department other than the one returning it.", "同意退单须指定新的主办部门。");
        }

        var coHandlers = c.NewCoHandlerDepartmentIds ?? ValueList.Empty<string>();
        if (CheckDepartments(context, c.NewLeadDepartmentId, coHandlers) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var events = new List<TicketEvent> { new ReturnAccepted(state.TicketId, c.By, now, returning, c.Note) };
        events.AddRange(RouteEvents(context, state.TicketId, state.Submission!, c.By, now, c.NewLeadDepartmentId, coHandlers, null, state.RouteCount + 1));
        return Decision.Accept(events);
    }

    private static Decision AskForExtension(TicketState state, RequestExtension c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsLeadStaff(state, context, c.By))
        {
            return LeadOnly();
        }

        if (RequireText(c.Reason, "reason", "延期理由") is { } missing)
        {
            return missing;
        }

        if (state.PendingExtension is not null)
        {
            return Decision.Reject(RejectionCodes.ExtensionPending, "An extension request is already waiting for a decision.", "已有延期申请待审核。");
        }

        var policy = context.Policies.Extension;
        if (CheckExtensionDays(state, c.WorkingDays, policy.MaxWorkingDaysPerExtension, policy.MaxTotalWorkingDays) is { } capped)
        {
            return capped;
        }

        var due = state.Clock!.Due;
        if (now > policy.LatestRequest(due, context.Calendar))
        {
            return Decision.Reject(
                RejectionCodes.ExtensionTooLate,
                $"Extensions must be requested at least {policy.MinWorkingDaysBeforeDue} working day(s) before the due date {due.DueDate:yyyy-MM-dd}.",
                $"延期须在办理期限（{due.DueDate:yyyy-MM-dd}）前至少{policy.MinWorkingDaysBeforeDue}个工作日申请。");
        }

        var decisionDue = context.Calendar.Add(now, policy.DecisionWindow);
        return Decision.Accept(new ExtensionRequested(state.TicketId, c.By, now, state.LeadDepartmentId!, c.WorkingDays, c.Reason, decisionDue));
    }

    private static Decision ResolveExtension(TicketState state, DecideExtension c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsSupervisor(context, c.By))
        {
            return Forbidden("a supervisor", "督查人员");
        }

        if (state.PendingExtension is not { } pending)
        {
            return Decision.Reject(RejectionCodes.NoPendingExtension, "There is no extension request to decide.", "没有待审核的延期申请。");
        }

        if (RequireText(c.Note, "note", "审核意见") is { } missing)
        {
            return missing;
        }

        if (!c.Approve)
        {
            return Decision.Accept(new ExtensionDenied(state.TicketId, c.By, now, c.Note));
        }

        var days = c.WorkingDays ?? pending.WorkingDays;
        if (days < 1 || days > pending.WorkingDays)
        {
            return Invalid($"Approve between 1 and the {pending.WorkingDays} working days requested.", $"批准的延期天数应在1至申请的{pending.WorkingDays}个工作日之间。");
        }

        var policy = context.Policies.Extension;
        if (CheckExtensionDays(state, days, policy.MaxWorkingDaysPerExtension, policy.MaxTotalWorkingDays) is { } capped)
        {
            return capped;
        }

        var clock = state.Clock!;
        var extended = context.Calendar.Extend(clock.Due, days);
        var adjustments = TicketClocks.Adjustments(state) is { } known ? known with { ExtensionWorkingDays = known.ExtensionWorkingDays + days } : null;
        return Decision.Accept(new ExtensionApproved(state.TicketId, c.By, now, days, c.Note, TicketClocks.WithDue(context, clock.StartedAt, clock.Limit, extended, adjustments)));
    }

    private static Decision Escalate(TicketState state, EscalateTicket c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsSupervisor(context, c.By) && !IsHqLeader(context, c.By))
        {
            return Forbidden("a supervisor or an HQ leader", "督查人员或指挥部领导");
        }

        if (state.EscalatedToHq)
        {
            return Decision.Reject(RejectionCodes.AlreadyEscalated, "The ticket is already escalated to HQ.", "该工单已提级至指挥部。");
        }

        return RequireText(c.Note, "note", "提级说明")
            ?? Decision.Accept(HqEscalation(state, c.By, now, context, EscalationTrigger.SupervisorOrder, c.Note));
    }

    /// <summary>
    /// 改派 of a routed ticket by hand: only once it is escalated to HQ (otherwise the department returns it, 退单, and a
    /// supervisor decides), by HQ leaders and supervisors, who coordinate it from then on. It starts a new round with a new
    /// clock, as an accepted return's re-route does, so it must change the departments.
    /// </summary>
    private static Decision? ReRouteRefused(TicketState state, RouteTicket c, DecisionContext context)
    {
        if (!state.EscalatedToHq)
        {
            return NotEscalated("Re-routing a routed ticket by hand", "已派单工单的改派");
        }

        var current = state.Departments.Where(d => d.Role == DepartmentRole.CoHandler).Select(d => d.DepartmentId).Order(StringComparer.Ordinal);
        if (c.LeadDepartmentId == state.LeadDepartmentId && current.SequenceEqual(c.CoHandlerDepartmentIds.Order(StringComparer.Ordinal)))
        {
            return Invalid("Re-routing must change the lead department or the co-handlers.", "改派须变更主办部门或协办部门。");
        }

        return !IsSupervisor(context, c.By) && !IsHqLeader(context, c.By)
            ? Forbidden("a supervisor or an HQ leader", "督查人员或指挥部领导")
            : null;
    }

    private static Decision Supervise(TicketState state, IssueSupervisionOrder c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsSupervisor(context, c.By))
        {
            // HQ leaders supervise what was escalated to them (提级); before that the ticket is the supervisors' business.
            if (!IsHqLeader(context, c.By))
            {
                return Forbidden("a supervisor or, once the ticket is escalated to HQ, an HQ leader", "督查人员或（工单提级后）指挥部领导");
            }

            if (!state.EscalatedToHq)
            {
                return NotEscalated("An HQ leader's supervision order", "指挥部领导下发督办单");
            }
        }

        if (RequireText(c.OrderId, "order id", "督办单编号") is { } noId)
        {
            return noId;
        }

        if (RequireText(c.Instructions, "instructions", "督办要求") is { } noInstructions)
        {
            return noInstructions;
        }

        if (state.SupervisionOrders.Any(o => o.OrderId == c.OrderId))
        {
            return Decision.Reject(RejectionCodes.DuplicateOrder, $"Supervision order {c.OrderId} was already issued.", $"督办单{c.OrderId}已下发。");
        }

        var department = c.DepartmentId ?? state.LeadDepartmentId!;
        if (state.Department(department) is null)
        {
            return NotHandling(department);
        }

        if (c.WorkingDays < 0)
        {
            return Invalid("A supervision order's limit cannot be negative.", "督办时限不能为负数。");
        }

        var recipients = context.Directory.UsersOf(department, StaffRole.DepartmentHead).ToList();
        if (department == state.LeadDepartmentId && state.OfficerId is { } officer)
        {
            recipients.Add(officer);
        }

        return Decision.Accept(new SupervisionOrderIssued(
            state.TicketId,
            c.By,
            now,
            c.OrderId,
            department,
            c.Instructions,
            context.Calendar.AddWorkingDays(now, c.WorkingDays),
            TicketClocks.Recipients(context.Directory, recipients).ToValueList(),
            TicketClocks.NotifyAt(context, state, now)));
    }

    private static Decision Instruct(TicketState state, GiveInstruction c, DateTimeOffset now, DecisionContext context)
    {
        if (!IsHqLeader(context, c.By))
        {
            return Forbidden("an HQ leader", "指挥部领导");
        }

        if (!state.EscalatedToHq)
        {
            return NotEscalated("An HQ instruction (批示)", "指挥部领导批示");
        }

        if (RequireText(c.InstructionId, "instruction id", "批示编号") is { } noId)
        {
            return noId;
        }

        if (RequireText(c.Text, "instruction", "批示内容") is { } noText)
        {
            return noText;
        }

        if (state.Instructions.Any(i => i.InstructionId == c.InstructionId))
        {
            return Decision.Reject(RejectionCodes.DuplicateInstruction, $"Instruction {c.InstructionId} was already given.", $"批示{c.InstructionId}已下达。");
        }

        var lead = state.LeadDepartmentId!;
        var recipients = context.Directory.UsersOf(lead, StaffRole.DepartmentHead).ToList();
        if (state.OfficerId is { } officer)
        {
            recipients.Add(officer);
        }

        return Decision.Accept(new HqInstructionGiven(
            state.TicketId,
            c.By,
            now,
            c.InstructionId,
            lead,
            c.Text,
            TicketClocks.Recipients(context.Directory, recipients).ToValueList(),
            TicketClocks.NotifyAt(context, state, now)));
    }

    private static Decision AcknowledgeInstructions(TicketState state, AcknowledgeInstruction c, DateTimeOffset now, DecisionContext context)
    {
        var pending = state.Instructions.Where(i => i.AcknowledgedAt is null).Select(i => i.InstructionId).ToValueList();
        if (pending.Count == 0)
        {
            return Decision.Reject(RejectionCodes.NoPendingInstruction, "There is no HQ instruction waiting to be acknowledged.", "没有待签收的指挥部批示。");
        }

        var lead = state.LeadDepartmentId!;
        var isOfficer = c.By.Kind == ActorKind.Staff && c.By.Id == state.OfficerId && context.Directory.FindUser(c.By.Id) is not null;
        if (!isOfficer && !IsHeadOf(context, c.By, lead))
        {
            return Forbidden("the lead department's head or the ticket's officer", "主办部门负责人或承办联络员");
        }

        if (c.Note is { Length: > MaxTextLength })
        {
            return Invalid($"The note may be at most {MaxTextLength} characters.", $"签收说明最多{MaxTextLength}个字。");
        }

        return Decision.Accept(new HqInstructionAcknowledged(state.TicketId, c.By, now, lead, pending, string.IsNullOrWhiteSpace(c.Note) ? null : c.Note));
    }

    private static IEnumerable<TicketEvent> RouteEvents(
        DecisionContext context,
        string ticketId,
        TicketSubmission submission,
        Actor by,
        DateTimeOffset now,
        string lead,
        IEnumerable<string> coHandlers,
        string? ruleId,
        int round)
    {
        var sla = context.Policies.Sla.For(submission.Type, submission.Urgent);
        var signInDue = context.Calendar.Add(now, sla.SignIn);
        var clock = TicketClocks.Start(context, now, sla.Resolution);
        var contributionDue = TicketClocks.ContributionDue(context, now, clock.Due);
        var contributionLadder = TicketClocks.Ladder(context.Calendar, context.Policies.Ladder, now, contributionDue);
        var departments = coHandlers.Select(d => new DepartmentSignIn(d, DepartmentRole.CoHandler, signInDue, contributionDue, contributionLadder))
            .Prepend(new DepartmentSignIn(lead, DepartmentRole.Lead, signInDue))
            .ToValueList();
        yield return new TicketRouted(
            ticketId,
            by,
            now,
            lead,
            departments,
            clock,
            context.Calendar.Add(now, context.Policies.Return.Window),
            ruleId,
            round);

        if (OfficerAssignment.Choose(context.Directory, lead, submission.Enterprise.CreditCode, context.Workloads) is { } choice)
        {
            yield return new OfficerAssigned(ticketId, Actor.System, now, lead, choice.OfficerId, choice.Reason, null, null);
        }
    }

    private static TicketEscalatedToHq HqEscalation(TicketState state, Actor by, DateTimeOffset now, DecisionContext context, EscalationTrigger trigger, string? note)
    {
        var recipients = context.Directory.UsersInRole(StaffRole.HqLeader).Concat(context.Directory.UsersInRole(StaffRole.Supervisor));
        return new TicketEscalatedToHq(
            state.TicketId,
            by,
            now,
            trigger,
            note,
            TicketClocks.Recipients(context.Directory, recipients).ToValueList(),
            TicketClocks.NotifyAt(context, state, now));
    }

    private static Rejection? CheckDepartments(DecisionContext context, string lead, ValueList<string> coHandlers)
    {
        foreach (var department in coHandlers.Prepend(lead))
        {
            if (context.Directory.FindDepartment(department) is null)
            {
                return new Rejection(RejectionCodes.UnknownDepartment, $"Department '{department}' does not exist or is inactive.", $"部门“{department}”不存在或已停用。");
            }
        }

        if (coHandlers.Contains(lead) || coHandlers.Distinct().Count() != coHandlers.Count)
        {
            return new Rejection(RejectionCodes.InvalidArgument, "Each department may appear once: one lead and distinct co-handlers.", "主办和协办部门不能重复。");
        }

        return null;
    }

    private static Decision? CheckExtensionDays(TicketState state, int days, int maxPer, int maxTotal)
    {
        if (days < 1)
        {
            return Invalid("An extension is at least one working day.", "延期至少为1个工作日。");
        }

        if (days > maxPer)
        {
            return Decision.Reject(
                RejectionCodes.ExtensionCapExceeded,
                $"One extension may add at most {maxPer} working days.",
                $"单次延期不得超过{maxPer}个工作日。");
        }

        if (state.ExtensionWorkingDays + days > maxTotal)
        {
            return Decision.Reject(
                RejectionCodes.ExtensionCapExceeded,
                $"Extensions may total at most {maxTotal} working days; {state.ExtensionWorkingDays} are already granted.",
                $"累计延期不得超过{maxTotal}个工作日，已延期{state.ExtensionWorkingDays}个工作日。");
        }

        return null;
    }

    private static bool CanRoute(DecisionContext context, Actor actor) =>
        actor.Kind == ActorKind.Staff
        && (context.Directory.HasRole(actor.Id, StaffRole.Supervisor)
            || context.Directory.HasRole(actor.Id, StaffRole.HqLeader)
            || context.Directory.HasRole(actor.Id, StaffRole.Administrator)
            || (context.Directory.HqOffice is { } office && context.Directory.IsMemberOf(actor.Id, office.Id)));

    private static bool IsSupervisor(DecisionContext context, Actor actor) =>
        actor.Kind == ActorKind.Staff && context.Directory.HasRole(actor.Id, StaffRole.Supervisor);

    private static bool IsHqLeader(DecisionContext context, Actor actor) =>
        actor.Kind == ActorKind.Staff && context.Directory.HasRole(actor.Id, StaffRole.HqLeader);

    private static bool IsMember(DecisionContext context, Actor actor, string departmentId) =>
        actor.Kind == ActorKind.Staff && context.Directory.IsMemberOf(actor.Id, departmentId);

    private static bool IsHeadOf(DecisionContext context, Actor actor, string departmentId) =>
        IsMember(context, actor, departmentId) && context.Directory.HasRole(actor.Id, StaffRole.DepartmentHead);

    /// <summary>The assigned officer (who may be a designated officer from elsewhere) or staff of the lead department.</summary>
    private static bool IsLeadStaff(TicketState state, DecisionContext context, Actor actor) =>
        actor.Kind == ActorKind.Staff
        && ((actor.Id == state.OfficerId && context.Directory.FindUser(actor.Id) is not null) || IsMember(context, actor, state.LeadDepartmentId!));

    private static bool IsOfficerOf(DecisionContext context, string officerId, string departmentId) =>
        context.Directory.IsMemberOf(officerId, departmentId) && context.Directory.HasRole(officerId, StaffRole.LiaisonOfficer);

    private static Decision? RequireText(string? value, string what, string whatZh)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Invalid($"The {what} must not be empty.", $"请填写{whatZh}。");
        }

        return value.Length > MaxTextLength
            ? Invalid($"The {what} may be at most {MaxTextLength} characters.", $"{whatZh}最多{MaxTextLength}个字。")
            : null;
    }

    private static Decision Invalid(string reason, string reasonZh) => Decision.Reject(RejectionCodes.InvalidArgument, reason, reasonZh);

    private static Decision Forbidden(string who, string whoZh) =>
        Decision.Reject(RejectionCodes.NotAuthorized, $"Only {who} may do this.", $"只有{whoZh}可以执行此操作。");

    /// <summary>A 409: what HQ leaders do after 提级 needs a ticket escalated to HQ.</summary>
    private static Decision NotEscalated(string what, string whatZh) =>
        Decision.Reject(RejectionCodes.NotEscalatedToHq, $"{what} needs a ticket escalated to HQ (提级); this one is not.", $"{whatZh}须在工单提级至指挥部后进行，该工单尚未提级。");

    private static Decision LeadOnly() => Forbidden("the assigned officer or staff of the lead department", "承办联络员或主办部门工作人员");

    private static Decision EnterpriseOnly() => Forbidden("the enterprise that submitted the ticket", "提交诉求的企业");

    private static Decision UnknownOfficer(string officerId) =>
        Decision.Reject(RejectionCodes.UnknownOfficer, $"'{officerId}' is not another active liaison officer of the lead department.", $"“{officerId}”不是主办部门的其他在岗联络员。");

    private static Decision NotHandling(string departmentId) =>
        Decision.Reject(RejectionCodes.NotAHandlingDepartment, $"Department '{departmentId}' is not handling this ticket.", $"部门“{departmentId}”不是该工单的承办部门。");
}
