using Assist.Domain.Calendar;

namespace Assist.Domain.Policies;

/// <summary>
/// After a reply the enterprise has <see cref="Window"/> to confirm or reject; silence closes the ticket as 未评价.
/// A rejection reopens (退回重办) up to <see cref="MaxReopensBeforeEscalation"/> times; the next one also escalates to HQ.
/// </summary>
public sealed record ConfirmationPolicy(TimeLimit Window, int MaxReopensBeforeEscalation);
