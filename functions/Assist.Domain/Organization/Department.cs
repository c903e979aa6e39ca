namespace Assist.Domain.Organization;

/// <summary>A government department. The HQ office (<see cref="IsHqOffice"/>) routes OTHER tickets by hand.</summary>
public sealed record Department(string Id, string Name, bool IsHqOffice = false, bool Active = true);
