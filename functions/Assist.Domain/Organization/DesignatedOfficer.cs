using Assist.Domain.Validation;

namespace Assist.Domain.Organization;

/// <summary>
/// An enterprise's designated officer (驻企特派员): the liaison officer who knows the enterprise, named by its
/// 统一社会信用代码. Assignment prefers them for the enterprise's tickets when they belong to the lead department.
/// </summary>
public sealed record DesignatedOfficer(string CreditCode, string OfficerId)
{
    public static class Fields
    {
        public const string CreditCode = "creditCode";
        public const string OfficerId = "officerId";
    }

    /// <summary>
    /// The problems with designating <paramref name="officerId"/> for <paramref name="creditCode"/>, empty when there
    /// are none: the code must pass the GB 32100 check and the officer must be an active liaison officer (a head or
    /// supervisor cannot be assigned tickets, so designating one would never take effect).
    /// </summary>
    public static IReadOnlyList<FieldError> Check(string? creditCode, string? officerId, OrganizationDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var errors = new List<FieldError>();
        if (UnifiedSocialCreditCode.Validate(creditCode) is { } creditError)
        {
            errors.Add(FieldError.For(Fields.CreditCode, creditError));
        }

        if (string.IsNullOrWhiteSpace(officerId))
        {
            errors.Add(new FieldError(Fields.OfficerId, "officer.required", "The officer is required.", "请填写特派员。"));
        }
        else if (directory.FindUser(officerId) is null)
        {
            errors.Add(new FieldError(Fields.OfficerId, "officer.unknown", $"'{officerId}' is not an active staff user.", $"“{officerId}”不是在用的工作人员。"));
        }
        else if (!directory.HasRole(officerId, StaffRole.LiaisonOfficer))
        {
            errors.Add(new FieldError(Fields.OfficerId, "officer.not-liaison", $"'{officerId}' is not a liaison officer.", $"“{officerId}”不是联络员。"));
        }

        return errors;
    }
}
