using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;

namespace Assist.Domain.Tests.Validation;

public sealed class EnterpriseFormValidatorTests
{
    [Fact]
    public void Validate_CompleteForm_ProducesSubmissionWithNormalizedMobile()
    {
        var result = EnterpriseFormValidator.Validate(TestData.Form() with { Mobile = "+86 138 0013 8000" }, TestData.Directory);

        Assert.True(result.IsValid);
        Assert.Equal("13800138000", result.Submission!.Enterprise.Mobile);
        Assert.Equal(TicketType.Help, result.Submission.Type);
    }

    [Theory]
    [InlineData("LARGE_TAXPAYER", "LARGE_TAXPAYER")]
    [InlineData(" large_taxpayer ", "LARGE_TAXPAYER")]
    [InlineData("重点税源企业", "LARGE_TAXPAYER")]
    [InlineData("规上企业", "ABOVE_SIZE")]
    [InlineData("规模以上企业", "ABOVE_SIZE")]
    [InlineData("一般企业", "GENERAL")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Validate_KnownTierByCodeOrChineseName_StoresTheCode(string? sent, string? stored)
    {
        var result = EnterpriseFormValidator.Validate(TestData.Form() with { Tier = sent }, TestData.Directory);

        Assert.True(result.IsValid);
        Assert.Equal(stored, result.Submission!.Enterprise.Tier);
    }

    [Fact]
    public void Validate_UnknownTier_TierFieldErrorListingTheTiers()
    {
        var result = EnterpriseFormValidator.Validate(TestData.Form() with { Tier = "特大型企业" }, TestData.Directory);

        var error = Assert.Single(result.Errors.For("tier"));
        Assert.Equal("tier.unknown", error.Code);
        Assert.Contains("LARGE_TAXPAYER, ABOVE_SIZE, GENERAL", error.Message, StringComparison.Ordinal);
        Assert.Contains("重点税源企业", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyForm_ReportsEveryMissingFieldByKey()
    {
        var empty = new EnterpriseForm(null, null, null, null, null, null, null, null, null, null, false, null, null, null, false, false);

        var result = EnterpriseFormValidator.Validate(empty, TestData.Directory);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["enterpriseName", "creditCode", "district", "contactName", "mobile", "type", "topic", "title", "description", "consentGiven"],
            result.Errors.Fields);
    }

    [Fact]
    public void Validate_BadCreditCode_FieldErrorCarriesCodeAndBothTexts()
    {
        var result = EnterpriseFormValidator.Validate(TestData.Form() with { CreditCode = "9144030071526726XH" }, TestData.Directory);

        var error = Assert.Single(result.Errors.For("creditCode"));
        Assert.Equal("credit-code.check-character", error.Code);
        Assert.Contains("校验位", result.Errors.ToMessages(chinese: true)["creditCode"][0], StringComparison.Ordinal);
        Assert.Contains("check character", result.Errors.ToMessages(chinese: false)["creditCode"][0], StringComparison.Ordinal);
        Assert.Equal(["credit-code.check-character"], result.Errors.ToCodes()["creditCode"]);
    }

    [Fact]
    public void Validate_TitleTooLong_SaysLimitAndLength()
    {
        var result = EnterpriseFormValidator.Validate(TestData.Form() with { Title = new string('题', 101) }, TestData.Directory);

        var error = Assert.Single(result.Errors.For("title"));
        Assert.Equal("title.too-long", error.Code);
        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortDescription_Rejected()
    {
        var result = EnterpriseFormValidator.Validate(TestData.Form() with { Description = "贷款难" }, TestData.Directory);

        Assert.Equal("description.too-short", Assert.Single(result.Errors.For("description")).Code);
    }

    [Theory]
    [InlineData("topic", "SPACE", "topic.unknown")]
    [InlineData("type", "Praise", "type.unknown")]
    [InlineData("type", "1", "type.unknown")]
    [InlineData("district", "罗湖区", "district.unknown")]
    public void Validate_ValueOutsideAllowedList_Rejected(string field, string value, string code)
    {
        var form = field switch
        {
            "topic" => TestData.Form() with { Topic = value },
            "type" => TestData.Form() with { Type = value },
            _ => TestData.Form() with { District = value },
        };

        var result = EnterpriseFormValidator.Validate(form, TestData.Directory);

        Assert.Equal(code, Assert.Single(result.Errors.For(field)).Code);
    }

    [Fact]
    public void Validate_TypeInAnyCase_Accepted()
    {
        Assert.Equal(TicketType.Complaint, EnterpriseFormValidator.Validate(TestData.Form(type: "COMPLAINT"), TestData.Directory).Submission?.Type);
    }

    [Fact]
    public void Validate_NoConsent_Rejected()
    {
        var result = EnterpriseFormValidator.Validate(TestData.Form() with { ConsentGiven = false }, TestData.Directory);

        Assert.Equal("consent.required", Assert.Single(result.Errors.For("consentGiven")).Code);
    }
}
