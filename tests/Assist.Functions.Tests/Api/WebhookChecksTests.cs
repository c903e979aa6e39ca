using Assist.Functions.Api.Admin;

namespace Assist.Functions.Tests.Api;

/// <summary>What a webhook receiver's URL and kinds may be, in Production and in Development.</summary>
public sealed class WebhookChecksTests
{
    [Theory]
    [InlineData("https://sms.example.cn/hook", false, null)]
    [InlineData("http://sms.example.cn/hook", false, "url.https")]
    [InlineData("http://127.0.0.1:5000/hook", true, null)]
    [InlineData("https://127.0.0.1/hook", false, "url.address")]
    [InlineData("https://localhost/hook", false, "url.address")]
    [InlineData("http://169.254.169.254/latest/meta-data", true, "url.address")]
    [InlineData("https://[fe80::1]/hook", false, "url.address")]
    [InlineData("https://user:pass@sms.example.cn/hook", false, "url.credentials")]
    [InlineData("https://sms.example.cn/hook#part", false, "url.fragment")]
    [InlineData("ftp://sms.example.cn/hook", true, "url.format")]
    [InlineData("/hook", true, "url.format")]
    [InlineData("", true, "url.required")]
    public void Receiver_Url_IsAcceptedOrRefusedByName(string url, bool development, string? code)
    {
        var (checks, change) = WebhookChecks.Receiver(new WebhookRequest("网关", url, null, null), development);

        Assert.Equal(code, checks.Errors.Errors.Count > 0 ? checks.Errors.Errors[0].Code : null);
        Assert.Equal(code is null, change is not null);
        if (code is not null)
        {
            Assert.All(checks.Errors.Errors, e => Assert.Equal("url", e.Field));
        }
    }

    [Fact]
    public void Receiver_EventsRepeatedAndUnordered_AreKeptOnceInTheKindsOrder()
    {
        var (_, change) = WebhookChecks.Receiver(new WebhookRequest(" 网关 ", "https://sms.example.cn/hook", ["RedCard", "Assigned", "RedCard"], null), development: false);

        Assert.NotNull(change);
        Assert.Equal(["Assigned", "RedCard"], change.Events);
        Assert.Equal("网关", change.Name);
        Assert.True(change.Active);
    }

    [Fact]
    public void Receiver_UnknownKind_IsNamedUnderEvents()
    {
        var (checks, change) = WebhookChecks.Receiver(new WebhookRequest("网关", "https://sms.example.cn/hook", ["Assigned", "Nope"], null), development: false);

        Assert.Null(change);
        var error = Assert.Single(checks.Errors.Errors);
        Assert.Equal(("events", "events.unknown"), (error.Field, error.Code));
        Assert.Contains("Nope", error.Message, StringComparison.Ordinal);
    }
}
