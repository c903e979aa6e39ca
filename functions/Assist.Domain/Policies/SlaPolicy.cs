using Assist.Domain.Calendar;
using Assist.Domain.Tickets;

namespace Assist.Domain.Policies;

/// <summary>The limits for one (type, urgency): resolution (办理时限) and department sign-in (签收时限).</summary>
public sealed record SlaPolicy(TicketType Type, bool Urgent, TimeLimit Resolution, TimeLimit SignIn);
