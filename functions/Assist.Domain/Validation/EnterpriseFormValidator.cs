using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;

namespace Assist.Domain.Validation;

/// <summary>
/// Validates the public enterprise form against the directory (topics, districts) and produces the
/// <see cref="TicketSubmission"/> the ticket records. Every problem is reported, keyed by field.
/// </summary>
public static class EnterpriseFormValidator
{
    public const int MaxNameLength = 100;
    public const int MaxContactNameLength = 50;
    public const int MaxShortTextLength = 50;
    public const int MaxTitleLength = 100;
    public const int MinDescriptionLength = 10;
    public const int MaxDescriptionLength = 5000;
    public const int MaxAttachments = 10;

    /// <summary>The field keys (camelCase, as the client sends them).</summary>
    public static class Fields
    {
        public const string EnterpriseName = "enterpriseName";
        public const string CreditCode = "creditCode";
        public const string District = "district";
        public const string Industry = "industry";
        public const string Size = "size";
        public const string Tier = "tier";
        public const string ContactName = "contactName";
        public const string Mobile = "mobile";
        public const string Type = "type";
        public const string Topic = "topic";
        public const string Title = "title";
        public const string Description = "description";
        public const string Attachments = "attachments";
        public const string ConsentGiven = "consentGiven";
    }

    public static FormValidation Validate(EnterpriseForm form, OrganizationDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(directory);
        var errors = new List<FieldError>();

        var name = Required(errors, Fields.EnterpriseName, form.EnterpriseName, "enterprise name", "企业名称", MaxNameLength);
        var creditCode = form.CreditCode?.Trim();
        if (UnifiedSocialCreditCode.Validate(creditCode) is { } creditError)
        {
            errors.Add(FieldError.For(Fields.CreditCode, creditError));
        }

        var district = Required(errors, Fields.District, form.District, "district", "所属区域", MaxShortTextLength);
        if (district is not null && directory.Districts.Count > 0 && !directory.Districts.Contains(district))
        {
            errors.Add(new(Fields.District, "district.unknown", $"'{district}' is not a district served here.", $"“{district}”不在受理区域范围内。"));
        }

        var industry = Optional(errors, Fields.Industry, form.Industry, "industry", "所属行业", MaxShortTextLength);
        var size = Optional(errors, Fields.Size, form.Size, "size", "企业规模", MaxShortTextLength);
        var tier = ParseTier(errors, form.Tier);
        var contactName = Required(errors, Fields.ContactName, form.ContactName, "contact name", "联系人", MaxContactNameLength);
        if (MobileNumber.Validate(form.Mobile) is { } mobileError)
        {
            errors.Add(FieldError.For(Fields.Mobile, mobileError));
        }

        var type = ParseType(errors, form.Type);
        var topic = form.Topic?.Trim();
        if (string.IsNullOrEmpty(topic))
        {
            errors.Add(new(Fields.Topic, "topic.required", "Choose a topic.", "请选择诉求类别。"));
        }
        else if (directory.FindTopic(topic) is null)
        {
            errors.Add(new(Fields.Topic, "topic.unknown", $"'{topic}' is not an available topic.", $"“{topic}”不是可选的诉求类别。"));
        }

        var title = Required(errors, Fields.Title, form.Title, "title", "标题", MaxTitleLength);
        var description = Required(errors, Fields.Description, form.Description, "description", "问题描述", MaxDescriptionLength);
        if (description is not null && description.Length < MinDescriptionLength)
        {
            errors.Add(new(
                Fields.Description,
                "description.too-short",
                $"Describe the problem in at least {MinDescriptionLength} characters.",
                $"问题描述至少需要{MinDescriptionLength}个字。"));
        }

        var attachments = form.Attachments ?? ValueList.Empty<AttachmentRef>();
        if (attachments.Count > MaxAttachments)
        {
            errors.Add(new(
                Fields.Attachments,
                "attachments.too-many",
                $"At most {MaxAttachments} attachments; {attachments.Count} were added.",
                $"附件最多{MaxAttachments}个，当前为{attachments.Count}个。"));
        }

        if (!form.ConsentGiven)
        {
            errors.Add(new(
                Fields.ConsentGiven,
                "consent.required",
                "Please read and accept the personal information notice.",
                "请阅读并同意个人信息处理告知。"));
        }

        if (errors.Count > 0)
        {
            return new FormValidation(null, new ValidationErrors(errors.ToValueList()));
        }

        var enterprise = new EnterpriseProfile(name!, creditCode!, district!, industry, size, tier, contactName!, MobileNumber.Normalize(form.Mobile)!);
        var submission = new TicketSubmission(enterprise, type!.Value, topic!, form.Urgent, title!, description!, attachments, form.Confidential);
        return new FormValidation(submission, ValidationErrors.None);
    }

    private static TicketType? ParseType(List<FieldError> errors, string? raw)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(Fields.Type, "type.required", "Choose the type of request.", "请选择诉求性质。"));
            return null;
        }

        if (!value.All(char.IsAsciiLetter) || !Enum.TryParse<TicketType>(value, ignoreCase: true, out var type))
        {
            var allowed = string.Join(", ", Enum.GetNames<TicketType>());
            errors.Add(new(Fields.Type, "type.unknown", $"'{value}' is not a request type; use one of {allowed}.", $"“{value}”不是有效的诉求性质。"));
            return null;
        }

        return type;
    }

    /// <summary>A tier is optional; when given it is one of <see cref="EnterpriseTiers"/>, by code or Chinese name, and stored as its code.</summary>
    private static string? ParseTier(List<FieldError> errors, string? raw)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (EnterpriseTiers.Find(value) is { } tier)
        {
            return tier.Code;
        }

        var shown = value.Length > MaxShortTextLength ? value[..MaxShortTextLength] + "…" : value;
        errors.Add(new(
            Fields.Tier,
            "tier.unknown",
            $"'{shown}' is not an enterprise tier; use one of {EnterpriseTiers.Codes}.",
            $"“{shown}”不是可选的企业类别，应为{EnterpriseTiers.NamesZh}之一。"));
        return null;
    }

    private static string? Required(List<FieldError> errors, string field, string? raw, string label, string labelZh, int maxLength)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(field, field + ".required", $"The {label} is required.", $"请填写{labelZh}。"));
            return null;
        }

        return CheckLength(errors, field, value, label, labelZh, maxLength);
    }

    private static string? Optional(List<FieldError> errors, string field, string? raw, string label, string labelZh, int maxLength)
    {
        var value = raw?.Trim();
        return string.IsNullOrEmpty(value) ? null : CheckLength(errors, field, value, label, labelZh, maxLength);
    }

    private static string? CheckLength(List<FieldError> errors, string field, string value, string label, string labelZh, int maxLength)
    {
        if (value.Length > maxLength)
        {
            errors.Add(new(
                field,
                field + ".too-long",
                $"The {label} may be at most {maxLength} characters; {value.Length} were entered.",
                $"{labelZh}最多{maxLength}个字，当前为{value.Length}个。"));
            return null;
        }

        return value;
    }
}
