namespace Assist.Storage.Workflow;

/// <summary>
/// What loading a calendar year did to open tickets: how many holding a provisional deadline were asked to recompute
/// (<see cref="Asked"/>), and how many of them changed (<see cref="Recomputed"/>; the others' deadlines lie in years
/// still without data, or could not be recomputed and stay provisional).
/// </summary>
public sealed record DeadlineRecomputeReport(int Asked, int Recomputed);
