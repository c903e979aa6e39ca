using Assist.Domain.Validation;

namespace Assist.Domain.Tests.Validation;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("9144030071526726XG")]
    [InlineData("91350100M000100Y43")] // the GB 32100-2015 example
    [InlineData("91310000775785552L")]
    public void Validate_WellFormedCode_Accepted(string code)
    {
        Assert.Null(UnifiedSocialCreditCode.Validate(code));
    }

    [Fact]
    public void CheckCharacter_KnownCode_ComputesPublishedCheckCharacter()
    {
        Assert.Equal('G', UnifiedSocialCreditCode.CheckCharacter("9144030071526726X"));
    }

    [Fact]
    public void Validate_WrongCheckCharacter_SaysWhichCharacterIsExpected()
    {
        var error = UnifiedSocialCreditCode.Validate("9144030071526726XH");

        Assert.Equal("credit-code.check-character", error?.Code);
        Assert.Contains("should be 'G'", error!.Message, StringComparison.Ordinal);
        Assert.Contains("“G”", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LowerCase_RejectedNamingThePosition()
    {
        var error = UnifiedSocialCreditCode.Validate("9144030071526726xG");

        Assert.Equal("credit-code.lower-case", error?.Code);
        Assert.Contains("Character 17 ('x')", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Validate_ExcludedLetter_RejectedAsNeverUsed(char letter)
    {
        var error = UnifiedSocialCreditCode.Validate("9144030071526726" + letter + "G");

        Assert.Equal("credit-code.excluded-letter", error?.Code);
        Assert.Contains($"('{letter}')", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9144030071526726X", 17)]
    [InlineData("9144030071526726XGG", 19)]
    public void Validate_WrongLength_SaysHowManyWereEntered(string code, int length)
    {
        var error = UnifiedSocialCreditCode.Validate(code);

        Assert.Equal("credit-code.length", error?.Code);
        Assert.Contains($"{length} were entered", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Punctuation_RejectedAsInvalidCharacter()
    {
        Assert.Equal("credit-code.invalid-character", UnifiedSocialCreditCode.Validate("914403007152672-XG")?.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Validate_Missing_Required(string? code)
    {
        Assert.Equal("credit-code.required", UnifiedSocialCreditCode.Validate(code)?.Code);
    }
}
