namespace Assist.Domain.Scoring;

/// <summary>A medal won in one category; <see cref="Value"/> is the score (0–100) or the rate (0–1) that won it.</summary>
public sealed record MedalAward(MedalCategory Category, Medal Medal, string DepartmentId, decimal Value);
