namespace Assist.Domain.Tickets;

/// <summary>
/// The enterprise as it described itself on the form. <see cref="Mobile"/> is normalized to 11 digits; views
/// mask it. <see cref="Tier"/> is the enterprise tier routing may use, as a code of
/// <see cref="Organization.EnterpriseTiers"/> (e.g. LARGE_TAXPAYER).
/// </summary>
public sealed record EnterpriseProfile(
    string Name,
    string CreditCode,
    string District,
    string? Industry,
    string? Size,
    string? Tier,
    string ContactName,
    string Mobile);
