namespace Assist.Domain.Validation;

/// <summary>Mainland China mobile numbers: 11 digits, 1 then 3–9; an optional +86/0086 prefix, spaces and hyphens are tolerated.</summary>
public static class MobileNumber
{
    /// <summary>The 11-digit number, or null when <paramref name="input"/> is not a mainland mobile number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = input.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length == 11 && digits.All(char.IsAsciiDigit) && digits[0] == '1' && digits[1] is >= '3' and <= '9'
            ? digits
            : null;
    }

    public static ValidationError? Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new("mobile.required", "A mobile number is required.", "请填写手机号码。");
        }

        return Normalize(input) is null
            ? new("mobile.format", "Enter an 11-digit mainland mobile number starting with 13–19, e.g. 13800138000.", "请输入以13–19开头的11位大陆手机号码，例如13800138000。")
            : null;
    }

    /// <summary>The number as every view shows it: <c>138****8000</c>.</summary>
    public static string Mask(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return normalized.Length == 11 ? normalized[..3] + "****" + normalized[7..] : new string('*', normalized.Length);
    }
}
