namespace Assist.Functions.Api.Admin;

/// <summary>
/// The answer to loading a calendar year: how many open tickets held a provisional deadline and were asked to recompute
/// (<see cref="TicketsAsked"/>), and how many of them changed (<see cref="TicketsRecomputed"/>). Loading the same year again
/// asks what is still provisional and changes nothing twice.
/// </summary>
public sealed record CalendarYearLoaded(int Year, int TicketsAsked, int TicketsRecomputed);
