using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Tickets;
using Assist.Functions.Api;
using Assist.Functions.Api.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// What a client builds the enterprise form and its requests from: <c>/api/form-options</c> and the OpenAPI document's
/// schemas (numbers as numbers, enums listed, required exactly what the checks require).
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed partial class FormOptionsTests(AzuriteFixture storage)
{
    [Fact]
    public async Task GetFormOptions_Anonymous_ListsTheDirectorysChoicesInChineseWithTheSlaLimits()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var snapshot = await api.App.Services.GetRequiredService<DirectoryStore>().GetAsync();

        var answer = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, "/api/form-options");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var options = answer.Json;
        Assert.Equal("zh-CN", options.GetProperty("language").GetString());
        Assert.Equal(snapshot.Organization.Districts, Values(options, "districts"));
        Assert.Equal(snapshot.Organization.Topics.Where(t => t.Active).Select(t => t.Code), Values(options, "topics"));
        Assert.Equal(snapshot.Organization.Topics.Where(t => t.Active).Select(t => t.NameZh), Labels(options, "topics"));
        Assert.Equal(EnterpriseTiers.All.Select(t => t.Code), Values(options, "tiers"));
        Assert.Equal(EnterpriseTiers.All.Select(t => t.NameZh), Labels(options, "tiers"));
        Assert.Equal(Enum.GetNames<TicketType>(), Values(options, "types"));
        Assert.All(Labels(options, "types").Concat(Labels(options, "sizes")), label => Assert.Matches(Han(), label));
        foreach (var type in options.GetProperty("types").EnumerateArray())
        {
            var policy = snapshot.Policies.Sla.For(Enum.Parse<TicketType>(type.GetProperty("value").GetString()!), urgent: false);
            Assert.Equal(policy.Resolution.Amount, type.GetProperty("resolution").GetProperty("amount").GetInt32());
            Assert.Equal(policy.SignIn.Amount, type.GetProperty("signIn").GetProperty("amount").GetInt32());
        }

        var attachments = options.GetProperty("attachments");
        Assert.Equal(AttachmentTypes.AcceptAttribute, attachments.GetProperty("accept").GetString());
        Assert.Equal(AttachmentTypes.All.Count, attachments.GetProperty("types").GetArrayLength());
        Assert.Equal(new AttachmentOptions().MaxFiles, attachments.GetProperty("maxFiles").GetInt32());
    }

    [Fact]
    public async Task GetFormOptions_InEnglish_LabelsAreEnglishAndTheValuesTheSame()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);

        var chinese = (await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, "/api/form-options")).Json;
        var english = (await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, "/api/form-options", language: "en")).Json;

        Assert.Equal("en", english.GetProperty("language").GetString());
        foreach (var list in new[] { "topics", "types", "sizes", "tiers" })
        {
            Assert.Equal(Values(chinese, list), Values(english, list));
            Assert.All(Labels(english, list), label => Assert.DoesNotMatch(Han(), label));
        }

        Assert.All(english.GetProperty("industries").EnumerateArray(), i => Assert.DoesNotMatch(Han(), i.GetString()!));
        Assert.All(english.GetProperty("attachments").GetProperty("types").EnumerateArray(), t => Assert.DoesNotMatch(Han(), t.GetProperty("label").GetString()!));
    }

    [Fact]
    public async Task GetFormOptions_AfterTheSlaPolicyChanges_PromisesTheNewLimits()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var directory = api.App.Services.GetRequiredService<DirectoryStore>();
        var policies = (await directory.GetAsync()).Policies;
        var rules = policies.Sla.Rules.Select(r => r.Type == TicketType.Consultation && !r.Urgent ? r with { Resolution = TimeLimit.WorkingDays(4) } : r);
        await directory.PutPoliciesAsync(policies with { Sla = new SlaPolicies(rules.ToValueList()) });

        var options = (await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, "/api/form-options")).Json;

        var consultation = options.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("value").GetString() == nameof(TicketType.Consultation));
        Assert.Equal(4, consultation.GetProperty("resolution").GetProperty("amount").GetInt32());
        Assert.Equal(nameof(TimeLimitUnit.WorkingDays), consultation.GetProperty("resolution").GetProperty("unit").GetString());
    }

    [Fact]
    public async Task SubmitTicket_WithTheFirstOfEveryOption_IsAccepted()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var options = (await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, "/api/form-options")).Json;
        var form = ApiHarness.Form(topic: Values(options, "topics")[0], type: Values(options, "types")[0]);
        form["district"] = Values(options, "districts")[0];
        form["size"] = Values(options, "sizes")[0];
        form["tier"] = Values(options, "tiers")[0];

        using var response = await api.Anonymous.PostAsJsonAsync("/api/tickets", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_RequestSchemas_RequireExactlyTheMarkedFieldsAndNumbersAreNumbers()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);

        var document = await api.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var requests = typeof(ApiSchemas).Assembly.GetTypes().Where(ApiSchemas.IsRequestBody).ToList();
        Assert.Contains(requests, t => t.Name == nameof(SubmitTicketRequest));
        foreach (var type in requests.Where(t => schemas.TryGetProperty(t.Name, out _)))
        {
            var schema = schemas.GetProperty(type.Name);
            var marked = MarkedRequired(type);
            var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()!).Order().ToList() : [];
            Assert.True(marked.SequenceEqual(required), $"{type.Name}: required [{string.Join(", ", required)}], marked [{string.Join(", ", marked)}]");
            foreach (var name in required)
            {
                Assert.False(schema.GetProperty("properties").GetProperty(name).ToString().Contains("\"null\"", StringComparison.Ordinal), $"{type.Name}.{name} is required but may be null");
            }
        }

        Assert.DoesNotMatch(NumberOrString(), document.ToString());
        var rating = schemas.GetProperty(nameof(ConfirmTicketRequest)).GetProperty("properties").GetProperty("rating");
        Assert.EndsWith("/SatisfactionRating", rating.GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.Equal(Enum.GetNames<SatisfactionRating>(), schemas.GetProperty("SatisfactionRating").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/form-options", out _));
    }

    [Fact]
    public async Task SubmitTicket_EmptyForm_EveryFieldTheSchemaRequiresIsNamedAndNoOptionalOne()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);

        var answer = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, "/api/tickets", new { });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var named = answer.Json.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        var marked = MarkedRequired(typeof(SubmitTicketRequest));
        Assert.Equal(marked, named);
    }

    /// <summary>The JSON names of a request's properties marked <see cref="RequiredAttribute"/>, in order.</summary>
    private static List<string> MarkedRequired(Type request) =>
        [.. request.GetProperties().Where(p => p.IsDefined(typeof(RequiredAttribute))).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order()];

    private static List<string> Values(JsonElement options, string list) =>
        [.. options.GetProperty(list).EnumerateArray().Select(o => o.GetProperty("value").GetString()!)];

    private static List<string> Labels(JsonElement options, string list) =>
        [.. options.GetProperty(list).EnumerateArray().Select(o => o.GetProperty("label").GetString()!)];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    /// <summary>A numeric schema that also admits strings, as the default generator writes it.</summary>
    [GeneratedRegex("""("integer"|"number"),\s*"string"|"string",\s*("integer"|"number")""")]
    private static partial Regex NumberOrString();
}
