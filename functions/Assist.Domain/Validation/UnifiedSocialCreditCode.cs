namespace Assist.Domain.Validation;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z), the last
/// one a check character: check = (31 − Σ value·weight mod 31) mod 31 over the first 17.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when <paramref name="code"/> is a valid credit code; otherwise the first problem found.</summary>
    public static ValidationError? Validate(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new("credit-code.required", "The unified social credit code is required.", "请填写统一社会信用代码。");
        }

        if (code.Length != Length)
        {
            return new(
                "credit-code.length",
                $"The unified social credit code must be {Length} characters long; {code.Length} were entered.",
                $"统一社会信用代码应为{Length}位，当前为{code.Length}位。");
        }

        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (char.IsAsciiLetterLower(c))
            {
                return new(
                    "credit-code.lower-case",
                    $"Character {i + 1} ('{c}') is lower case; the credit code uses upper-case letters only.",
                    $"第{i + 1}位“{c}”为小写字母，统一社会信用代码只使用大写字母。");
            }

            if (c is 'I' or 'O' or 'S' or 'V' or 'Z')
            {
                return new(
                    "credit-code.excluded-letter",
                    $"Character {i + 1} ('{c}') never appears in a credit code (I, O, S, V and Z are not used).",
                    $"第{i + 1}位“{c}”不会出现在统一社会信用代码中（不使用 I、O、S、V、Z）。");
            }

            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return new(
                    "credit-code.invalid-character",
                    $"Character {i + 1} ('{c}') is not allowed; use digits and upper-case letters except I, O, S, V, Z.",
                    $"第{i + 1}位“{c}”不是有效字符，只能使用数字和除 I、O、S、V、Z 以外的大写字母。");
            }
        }

        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        if (code[^1] != expected)
        {
            return new(
                "credit-code.check-character",
                $"The check character (18th) should be '{expected}' for these first 17 characters, not '{code[^1]}'; please check the code.",
                $"校验位（第18位）应为“{expected}”而不是“{code[^1]}”，请核对统一社会信用代码。");
        }

        return null;
    }

    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>The check character for the first 17 characters (which must be from <see cref="Alphabet"/>).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the credit-code alphabet.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
