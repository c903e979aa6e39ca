using Assist.Domain.Calendar;
using Assist.Domain.Policies;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// When a staff view is built, with what the timing of an offered action depends on: the clock, the extension policy
/// and the working calendar (the decider's own rules, so a form is offered exactly while it would be accepted on time).
/// </summary>
public sealed record OfferMoment(DateTimeOffset Now, ExtensionPolicy Extension, WorkingCalendar Calendar);
