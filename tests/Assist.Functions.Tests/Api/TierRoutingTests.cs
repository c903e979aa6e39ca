using System.Net;
using System.Text.RegularExpressions;
using Assist.Domain.Organization;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// Enterprise tiers end to end: what the form offers, what the API accepts and stores, and the seeded routing rule
/// each tier fires (rule-tax-large sends large taxpayers' tax problems to tax with finance co-handling).
/// </summary>
public sealed partial class TierRoutingTests(TierRoutingFixture fixture) : IClassFixture<TierRoutingFixture>
{
    [Theory]
    [InlineData("LARGE_TAXPAYER", "LARGE_TAXPAYER", "rule-tax-large", "finance")]
    [InlineData("重点税源企业", "LARGE_TAXPAYER", "rule-tax-large", "finance")]
    [InlineData("ABOVE_SIZE", "ABOVE_SIZE", "rule-tax", null)]
    [InlineData("规上企业", "ABOVE_SIZE", "rule-tax", null)]
    [InlineData("GENERAL", "GENERAL", "rule-tax", null)]
    [InlineData("一般企业", "GENERAL", "rule-tax", null)]
    [InlineData(null, null, "rule-tax", null)]
    public async Task Submit_TaxTicketWithTier_FiresTheRuleForThatTier(string? sent, string? stored, string rule, string? coHandler)
    {
        var form = ApiHarness.Form(topic: "TAX");
        form["tier"] = sent;

        var ticket = await fixture.Api.SubmitAsync(form);

        var (state, ruleId) = await RoutedAsync(ticket.Number);
        Assert.Equal(stored, state.Submission!.Enterprise.Tier);
        Assert.Equal(rule, ruleId);
        Assert.Equal("tax", state.LeadDepartmentId);
        string[] expected = coHandler is null ? ["tax"] : ["tax", coHandler];
        Assert.True(state.Departments.Select(d => d.DepartmentId).ToHashSet(StringComparer.Ordinal).SetEquals(expected), string.Join(",", state.Departments.Select(d => d.DepartmentId)));
    }

    [Fact]
    public async Task Submit_EachTierTheFormOffers_IsAcceptedAndTheLargeTaxpayerFiresTheSeededTierRule()
    {
        using var page = await fixture.Api.Anonymous.GetAsync("/submit");
        var html = await page.Content.ReadAsStringAsync();
        var select = html[html.IndexOf("<select id=\"tier\"", StringComparison.Ordinal)..];
        var offered = OptionValue().Matches(select[..select.IndexOf("</select>", StringComparison.Ordinal)])
            .Select(m => m.Groups[1].Value).Where(v => v.Length > 0).ToList();

        Assert.Equal(EnterpriseTiers.All.Select(t => t.Code), offered);
        foreach (var tier in offered)
        {
            var form = ApiHarness.Form(topic: "TAX");
            form["tier"] = tier;
            var ticket = await fixture.Api.SubmitAsync(form);
            var (_, ruleId) = await RoutedAsync(ticket.Number);
            Assert.Equal(tier == EnterpriseTiers.LargeTaxpayer ? "rule-tax-large" : "rule-tax", ruleId);
        }
    }

    [Fact]
    public async Task Seed_EveryRuleTier_IsACodeOfTheSharedList()
    {
        var snapshot = await fixture.Api.App.Services.GetRequiredService<DirectoryStore>().GetAsync();

        var tiers = snapshot.Routing.Rules.Select(r => r.EnterpriseTier).OfType<string>().ToList();

        Assert.NotEmpty(tiers);
        Assert.All(tiers, t => Assert.Contains(t, EnterpriseTiers.All.Select(x => x.Code)));
    }

    [Theory]
    [InlineData("zh-CN", "不是可选的企业类别")]
    [InlineData("en", "is not an enterprise tier")]
    public async Task Submit_UnknownTier_Is400NamingTheTierField(string language, string message)
    {
        var form = ApiHarness.Form(topic: "TAX");
        form["tier"] = "特大型企业";

        var answer = await ApiHarness.SendAsync(fixture.Api.Anonymous, HttpMethod.Post, "/api/tickets", form, language: language);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.IsProblem, answer.Text);
        var errors = answer.Json.GetProperty("errors");
        Assert.Contains(message, errors.GetProperty("tier")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(errors.EnumerateObject(), e => e.Name != "tier");
    }

    [Fact]
    public async Task PutRoutingRules_UnknownTier_Is400AndTheRulesStay()
    {
        await using var api = await fixture.StartOwnAppAsync();
        var admin = await api.SignInAsync("admin");
        var rules = new[]
        {
            new RoutingRule("rule-tax", "TAX", "tax", Domain.Common.ValueList.Empty<string>()),
            new RoutingRule("rule-tax-large", "TAX", "tax", Domain.Common.ValueList.Of("finance"), EnterpriseTier: "重点税源企业"),
        };

        var answer = await ApiHarness.SendAsync(admin, HttpMethod.Put, "/api/admin/routing-rules", rules);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.IsProblem, answer.Text);
        Assert.Contains("LARGE_TAXPAYER", answer.Json.GetProperty("errors").GetProperty("[1].enterpriseTier")[0].GetString(), StringComparison.Ordinal);
        var snapshot = await api.App.Services.GetRequiredService<DirectoryStore>().GetAsync();
        Assert.Contains(snapshot.Routing.Rules, r => r.Id == "rule-tax-large" && r.EnterpriseTier == EnterpriseTiers.LargeTaxpayer);
    }

    private async Task<(TicketState State, string? RuleId)> RoutedAsync(string number)
    {
        var service = fixture.Api.App.Services.GetRequiredService<TicketService>();
        var record = await service.GetAsync(number);
        var ledger = await service.GetLedgerAsync(number);
        var routed = ledger!.Entries.Select(e => e.Event).OfType<TicketRouted>().Single();
        return (record!.State, routed.RuleId);
    }

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionValue();
}
