using Assist.Functions.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Assist.Functions.Tests.Security;

/// <summary>Which sign-in a configuration gets, and the configurations the app refuses to start with.</summary>
public sealed class AuthModeTests
{
    [Theory]
    [InlineData(null, "Development", AuthMode.Development)]
    [InlineData(null, "Production", AuthMode.None)]
    [InlineData("", "Production", AuthMode.None)]
    [InlineData("Entra", "Production", AuthMode.Entra)]
    [InlineData("entra", "Production", AuthMode.Entra)]
    // Entra wins over the environment: no development sign-in beside it.
    [InlineData("Entra", "Development", AuthMode.Entra)]
    public void ModeOf_ReadsAuthModeThenTheEnvironment(string? mode, string environment, AuthMode expected)
    {
        Assert.Equal(expected, AssistAuthentication.ModeOf(Configuration(new() { [AssistAuthentication.ModeKey] = mode }), new Environment(environment)));
    }

    [Fact]
    public void ModeOf_EasyAuth_IsRefusedBecauseNothingVerifiesThePrincipalHeaderOnFlex()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AssistAuthentication.ModeOf(Configuration(new() { [AssistAuthentication.ModeKey] = "EasyAuth" }), new Environment("Production")));

        Assert.Contains("X-MS-CLIENT-PRINCIPAL", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Mode=Entra", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModeOf_AModeNobodyKnows_IsRefusedRatherThanLeavingStaffWithoutSignIn()
    {
        Assert.Throws<InvalidOperationException>(() =>
            AssistAuthentication.ModeOf(Configuration(new() { [AssistAuthentication.ModeKey] = "AzureAD" }), new Environment("Production")));
    }

    [Theory]
    [InlineData("AzureAd:Instance")]
    [InlineData("AzureAd:TenantId")]
    [InlineData("AzureAd:ClientId")]
    public async Task Start_EntraWithoutAnAzureAdSetting_FailsNamingTheAppSetting(string missing)
    {
        var settings = EntraTestTenant.Settings();
        settings.Remove(missing);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(settings));

        Assert.Contains(missing.Replace(":", "__", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EntraWhileAppServiceAuthenticationIsOn_Fails()
    {
        // Microsoft.Identity.Web would then trust the platform's principal headers instead of signing staff in itself.
        var settings = EntraTestTenant.Settings();
        settings["WEBSITE_AUTH_ENABLED"] = "True";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(settings));

        Assert.Contains("App Service Authentication", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("https://assist.example.gov.cn", null, "https://assist.example.gov.cn")]
    [InlineData("https://assist.example.gov.cn/", "func-assist.azurewebsites.net", "https://assist.example.gov.cn")]
    [InlineData(null, "func-assist.azurewebsites.net", "https://func-assist.azurewebsites.net")]
    [InlineData("http://localhost:7071", null, "http://localhost:7071")]
    public void PublicUrl_ConfiguredElseThePlatformsHostName(string? configured, string? websiteHostName, string? expected)
    {
        var configuration = Configuration(new() { [EntraAuthentication.PublicUrlKey] = configured, ["WEBSITE_HOSTNAME"] = websiteHostName });

        Assert.Equal(expected, EntraAuthentication.PublicUrl(configuration));
    }

    [Theory]
    [InlineData("http://assist.example.gov.cn")]
    [InlineData("https://assist.example.gov.cn/assist")]
    [InlineData("assist.example.gov.cn")]
    public void PublicUrl_NotAnHttpsOrigin_IsRefused(string configured)
    {
        Assert.Throws<InvalidOperationException>(() => EntraAuthentication.PublicUrl(Configuration(new() { [EntraAuthentication.PublicUrlKey] = configured })));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Assist.Functions";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
