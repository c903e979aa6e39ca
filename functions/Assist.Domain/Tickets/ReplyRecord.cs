using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

public sealed record ReplyRecord(DateTimeOffset At, string DepartmentId, bool Resolved, bool OnTime, Deadline ConfirmationDue);
