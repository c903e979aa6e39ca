using Assist.Domain.Validation;

namespace Assist.Domain.Tests.Validation;

public sealed class MobileNumberTests
{
    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("0086-19912345678", "19912345678")]
    [InlineData("8615012345678", "15012345678")]
    public void Normalize_MainlandMobile_ElevenDigits(string input, string expected)
    {
        Assert.Equal(expected, MobileNumber.Normalize(input));
        Assert.Null(MobileNumber.Validate(input));
    }

    [Theory]
    [InlineData("12800138000")] // second digit 2
    [InlineData("1380013800")] // 10 digits
    [InlineData("010-12345678")] // landline
    [InlineData("1380013800a")]
    public void Validate_NotAMobile_FormatError(string input)
    {
        Assert.Equal("mobile.format", MobileNumber.Validate(input)?.Code);
    }

    [Fact]
    public void Mask_ShowsOnlyPrefixAndLastFour()
    {
        Assert.Equal("138****8000", MobileNumber.Mask("13800138000"));
    }
}
