using Microsoft.OpenApi;
using Assist.LocalHost;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assist.Functions.Api.Staff;
using Assist.Functions.Hosting.Functions;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>Concurrency, idempotency, confidentiality, audit, rate limits, the OpenAPI document and the environments.</summary>
[Collection(UsesAzurite.Name)]
public sealed class ApiBehaviourTests(AzuriteFixture storage)
{
    private static readonly string[] OperationIds =
    [
        "SubmitTicket", "TrackTicket", "CheckInTicket", "RecordContact", "RecordProgress", "RequestInformation", "ProvideInformation",
        "ReplyToTicket", "ConfirmTicket", "RejectReply", "RequestExtension", "DecideExtension", "ReturnTicket", "DecideReturn",
        "EscalateTicket", "IssueSupervisionOrder", "RouteTicket", "AssignOfficer", "ReassignOfficer", "GetTicket", "GetTicketLedger",
        "RevealMobile", "DownloadAttachment", "ListMyTickets", "ListDepartmentQueue", "ListOverdue", "ListNotifications",
        "MarkNotificationRead", "ListDirectory", "UpsertDepartment", "UpsertUser", "UpsertTopic", "PutRoutingRules", "PutPolicies",
        "ListCalendarYears", "PutCalendarYear", "RebuildProjections", "GetLifecycleStatus", "IssueDevToken", "MoveDevClock", "ListSeededDirectory", "ListMobileReveals",
        "ListPendingDecisions", "GiveInstruction", "AcknowledgeInstruction", "SubmitContribution",
        "ListCommonIssues", "GetCommonIssue", "SuggestCommonIssues", "CreateCommonIssue", "AddCommonIssueMembers", "AnswerCommonIssue",
        "ListDesignatedOfficers", "PutDesignatedOfficer", "RemoveDesignatedOfficer", "ImportDesignatedOfficers",
        "GetLedgerChains",
        "ListWebhooks", "CreateWebhook", "UpdateWebhook", "DeleteWebhook", "RotateWebhookSecret", "SendWebhookTest", "ListWebhookDeliveries",
    ];

    [Fact]
    public async Task Act_TwoOfficersAtOnceWithTheSameVersion_OneWinsTheOtherGets412()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync();
        var one = await api.SignInAsync("officer.finance.1");
        var two = await api.SignInAsync("officer.finance.2");
        var version = await api.VersionAsync(ticket.Number);

        var answers = await Task.WhenAll(
            ApiHarness.SendAsync(one, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/check-in", new { }, version),
            ApiHarness.SendAsync(two, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/check-in", new { }, version));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        var loser = Assert.Single(answers, a => a.Status != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.PreconditionFailed, loser.Status);
        Assert.True(loser.IsProblem);
        var winner = answers.Single(a => a.Status == HttpStatusCode.OK);
        Assert.Equal($"\"{version + 1}\"", winner.ETag);
        Assert.Equal(version + 1, winner.Json.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Act_OfficerOfAnotherDepartment_Gets403BeforeAnyIfMatchOrBodyAnswer()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync();
        var stranger = await api.SignInAsync("officer.tax.1");
        var version = await api.VersionAsync(ticket.Number);

        // No If-Match, a stale one, a broken body: none of it is answered to someone who may not act on the ticket.
        var noVersion = await ApiHarness.SendAsync(stranger, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/check-in", new { });
        var staleVersion = await ApiHarness.SendAsync(stranger, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/progress", new { note = "x" }, version + 5);
        var badBody = await ApiHarness.SendAsync(stranger, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/reply", new { answer = "", resolved = "maybe" });
        var missing = await ApiHarness.SendAsync(stranger, HttpMethod.Post, "/api/staff/tickets/2026-0101-ZZZZZZ/check-in", new { });

        Assert.All(new[] { noVersion, staleVersion, badBody }, a =>
        {
            Assert.True(a.Status == HttpStatusCode.Forbidden, $"{(int)a.Status} {a.Text}");
            Assert.True(a.IsProblem, a.Text);
        });
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.True(missing.IsProblem, missing.Text);
        Assert.Equal(version, await api.VersionAsync(ticket.Number));

        // The department holding the ticket still hears about the missing If-Match.
        var holder = await api.SignInAsync("officer.finance.1");
        var holderNoVersion = await ApiHarness.SendAsync(holder, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/check-in", new { });
        Assert.Equal(HttpStatusCode.PreconditionRequired, holderNoVersion.Status);
        Assert.True(holderNoVersion.IsProblem, holderNoVersion.Text);
    }

    [Fact]
    public async Task UpsertUser_UnknownRole_AnswersTheRolesWithTheirNamesInEitherLanguage()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var admin = await api.SignInAsync("admin");
        var body = new { name = "测试用户", roles = new[] { 99 } };

        var chinese = await ApiHarness.SendAsync(admin, HttpMethod.Put, "/api/admin/users/role.test", body);
        var english = await ApiHarness.SendAsync(admin, HttpMethod.Put, "/api/admin/users/role.test", body, language: "en");

        Assert.Equal(HttpStatusCode.BadRequest, chinese.Status);
        var zh = chinese.Json.GetProperty("errors").GetProperty("roles")[0].GetString()!;
        Assert.Contains("LiaisonOfficer（联络员）", zh, StringComparison.Ordinal);
        Assert.Contains("Administrator（系统管理员）", zh, StringComparison.Ordinal);
        Assert.StartsWith("Roles are LiaisonOfficer", english.Json.GetProperty("errors").GetProperty("roles")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LifecycleStatus_AfterSubmissionsAreScheduledAndLookedAt_NothingWaitsAndTheDelaysAreMeasured()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        await api.SubmitAsync();
        await api.SubmitAsync();
        await api.App.DispatchedAsync();
        var admin = await api.SignInAsync("admin");

        var status = await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/lifecycle");

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal(api.Prefix + "AssistHub", status.Json.GetProperty("taskHub").GetString());
        Assert.Equal(0, status.Json.GetProperty("markersPending").GetInt32());
        Assert.Equal(0, status.Json.GetProperty("queuedHere").GetInt32());
        Assert.Equal(0, status.Json.GetProperty("awaitedHere").GetInt32());
        Assert.Equal(0, status.Json.GetProperty("activityFailures").GetInt64());
        Assert.True(status.Json.GetProperty("scheduleDelayP95Ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Act_WrongState_Answers409WithTheRejectionCodeAndReason()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync();
        var officer = await api.SignInAsync("officer.finance.1");

        var reply = await api.ActAsync(officer, ticket.Number, "reply", new { answer = "已办理", resolved = true });
        var english = await ApiHarness.SendAsync(officer, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/reply", new { answer = "x", resolved = true }, await api.VersionAsync(ticket.Number), language: "en");

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("not-allowed-in-status", reply.Json.GetProperty("code").GetString());
        Assert.Contains("待签收", reply.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("not possible", english.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_SameIdempotencyKeyTwice_ReturnsTheSameNumberAndTrackingCode()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);

        async Task<JsonElement> SubmitAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(ApiHarness.Form()) };
            request.Headers.Add("Idempotency-Key", "retry-7f3a");
            using var response = await api.Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var first = await SubmitAsync();
        var retry = await SubmitAsync();

        Assert.Equal(first.GetProperty("number").GetString(), retry.GetProperty("number").GetString());
        Assert.Equal(first.GetProperty("trackingCode").GetString(), retry.GetProperty("trackingCode").GetString());
        var tracked = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, $"/api/tickets/{first.GetProperty("number").GetString()}", trackingCode: retry.GetProperty("trackingCode").GetString());
        Assert.Equal(HttpStatusCode.OK, tracked.Status);
    }

    [Theory]
    [InlineData("zh-CN", "该 Idempotency-Key 已用于内容不同的另一次提交")]
    [InlineData("en", "already used with a different request body")]
    public async Task Submit_SameIdempotencyKeyDifferentBody_Answers422NamingTheHeaderAndCreatesNothing(string language, string message)
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);

        async Task<HttpResponseMessage> SubmitAsync(string title)
        {
            var form = ApiHarness.Form();
            form["title"] = title;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(form) };
            request.Headers.Add("Idempotency-Key", "retry-" + language);
            request.Headers.AcceptLanguage.ParseAdd(language);
            return await api.Anonymous.SendAsync(request);
        }

        using var first = await SubmitAsync("贷款审批超期");
        using var changed = await SubmitAsync("另一个问题");
        using var retry = await SubmitAsync("贷款审批超期");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        var problem = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var number = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        Assert.Equal(number, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString());
    }

    [Fact]
    public async Task Views_ConfidentialTicket_HideTheEnterpriseFromTheDepartmentNoRevealForItOverseersRevealAudited()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);
        var ticket = await api.SubmitAsync(ApiHarness.Form(confidential: true));
        var officer = await api.SignInAsync("officer.finance.1");
        var supervisor = await api.SignInAsync("supervisor.1");
        var outsider = await api.SignInAsync("officer.tax.1");

        var departmentView = await ApiHarness.SendAsync(officer, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}");
        var supervisorView = await ApiHarness.SendAsync(supervisor, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}");
        var queue = await ApiHarness.SendAsync(await api.SignInAsync("head.finance"), HttpMethod.Get, "/api/staff/departments/finance/queue");
        var outsiderView = await ApiHarness.SendAsync(outsider, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}");
        var supervisorReveal = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/reveal-mobile");
        var reveal = await ApiHarness.SendAsync(officer, HttpMethod.Post, $"/api/staff/tickets/{ticket.Number}/reveal-mobile");

        Assert.True(departmentView.Json.GetProperty("enterpriseHidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, departmentView.Json.GetProperty("enterprise").ValueKind);
        Assert.DoesNotContain("深圳市示例科技有限公司", departmentView.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", departmentView.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("深圳市示例科技有限公司", queue.Text, StringComparison.Ordinal);
        Assert.Equal("138****8000", supervisorView.Json.GetProperty("enterprise").GetProperty("mobileMasked").GetString());
        Assert.DoesNotContain("13800138000", supervisorView.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, outsiderView.Status);
        Assert.Equal(HttpStatusCode.Forbidden, reveal.Status);
        Assert.DoesNotContain("13800138000", reveal.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, supervisorReveal.Status);
        Assert.Equal("13800138000", supervisorReveal.Json.GetProperty("mobile").GetString());
        Assert.Equal("王经理", supervisorReveal.Json.GetProperty("contactName").GetString());
        var audit = await api.App.Services.GetRequiredService<MobileRevealAudit>().ListAsync(ticket.Number, 50, null, CancellationToken.None);
        var row = Assert.Single(audit.Items);
        Assert.Equal("supervisor.1", row.UserId);
        Assert.Equal("Supervisor", row.Role);
    }

    [Fact]
    public async Task Submit_BeyondTheRateLimit_Answers429ProblemWithRetryAfter()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["RateLimits:Submit"] = "2" });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await api.Anonymous.PostAsJsonAsync("/api/tickets", ApiHarness.Form());
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(last.Headers.RetryAfter);
        last.Dispose();
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryOperationWithProblemResponses()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);

        var document = await api.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _)))
            .ToDictionary(o => o.Value.GetProperty("operationId").GetString()!, o => o.Value);
        Assert.Empty(OperationIds.Except(operations.Keys));
        var submit = operations["SubmitTicket"];
        Assert.True(submit.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(submit.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.True(operations["CheckInTicket"].GetProperty("responses").TryGetProperty("412", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("StaffTicketView", out _));

        // Every API function is an operation, named after the function; pages (excluded from the description) are not
        // operations; the query values a function reads are listed with their types.
        var functions = HttpFunction.In(LocalHostApp.Functions).ToLookup(f =>
            f.Method.IsDefined(typeof(Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute), inherit: true)
            || f.Method.DeclaringType!.IsDefined(typeof(Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute), inherit: true));
        Assert.Empty(functions[false].Select(f => f.Name).Except(operations.Keys));
        Assert.Empty(functions[true].Select(f => f.Name).Intersect(operations.Keys));
        Assert.Contains(functions[true], f => f.Name == "SiteFiles");
        // Those declarations are what the Functions host serves: the HTTP functions of the build's functions.metadata.
        var inMetadata = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Deployment.PublishScript.FunctionsBuildOutput(), "functions.metadata")))!.AsArray()
            .Where(f => f!["bindings"]!.AsArray().Any(b => (string?)b!["type"] == "httpTrigger"))
            .Select(f => (string)f!["name"]!);
        Assert.Equal(inMetadata.Order(StringComparer.Ordinal), functions.SelectMany(g => g).Select(f => f.Name).Order(StringComparer.Ordinal));
        var reveals = operations["ListMobileReveals"].GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => (In: p.GetProperty("in").GetString(), Type: p.GetProperty("schema").GetProperty("type").GetString()));
        Assert.Equal(("query", "string"), reveals["ticket"]);
        Assert.Equal(("query", "integer"), reveals["pageSize"]);
        Assert.Equal(("query", "string"), reveals["continuationToken"]);
        var worklist = operations["ListPendingDecisions"].GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => (In: p.GetProperty("in").GetString(), Type: p.GetProperty("schema").GetProperty("type").GetString()));
        Assert.Equal(("query", "integer"), worklist["pageSize"]);
        Assert.Equal(("query", "string"), worklist["continuationToken"]);
        var queue = operations["ListDepartmentQueue"].GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => (In: p.GetProperty("in").GetString(), Type: p.GetProperty("schema").GetProperty("type").GetString()));
        Assert.Equal(["departmentId", "q", "officer", "status", "pageSize", "continuationToken"], queue.Keys);
        Assert.Equal("path", queue["departmentId"].In);
        Assert.Equal(("query", "integer"), queue["pageSize"]);
        Assert.Equal(("query", "string"), queue["q"]);
        var inbox = operations["ListNotifications"].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["q", "unread", "pageSize", "continuationToken"], inbox);

        // The isolated worker, whose endpoints carry no metadata, describes the same functions the same way.
        using var worker = Hosting.WorkerAppTests.Build(storage.Azurite.ConnectionString);
        var fromWorker = await worker.Services.GetRequiredKeyedService<Microsoft.AspNetCore.OpenApi.IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
        var served = System.Text.Json.Nodes.JsonNode.Parse(document.GetRawText())!.AsObject();
        var described = System.Text.Json.Nodes.JsonNode.Parse(await fromWorker.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1))!.AsObject();
        // The servers list is the request's address, which only a served document has.
        served.Remove("servers");
        Assert.Equal(served.Select(p => p.Key), described.Select(p => p.Key));
        foreach (var (name, value) in served)
        {
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(value, described[name]), $"The worker's \"{name}\" differs from the local host's.");
        }
    }

    [Fact]
    public async Task DevEndpoints_InProduction_AreAbsent()
    {
        // One public call a minute: a development function's answer must not count as one (an unknown path's does not).
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["environment"] = "Production", ["RateLimits:Public"] = "1" });

        using var token = await api.Anonymous.PostAsJsonAsync("/api/dev/token", new { user = "admin" });
        using var again = await api.Anonymous.PostAsJsonAsync("/api/dev/token", new { user = "admin" });
        using var clock = await api.Anonymous.PostAsJsonAsync("/api/dev/clock", new { advance = "PT26H" });
        using var directory = await api.Anonymous.GetAsync("/api/directory");
        using var unknown = await api.Anonymous.PostAsJsonAsync("/api/dev/nothing-here", new { user = "admin" });
        using var staff = await api.Anonymous.GetAsync("/api/staff/desk");
        var document = await api.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, clock.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, directory.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, staff.StatusCode);
        Assert.Null(api.App.Services.GetService<Assist.Functions.Hosting.AdjustableTimeProvider>());
        // Exactly what an unknown path answers, and not in the document.
        var absent = await WithoutTraceAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(absent, await WithoutTraceAsync(token));
        Assert.Equal(absent, await WithoutTraceAsync(again));
        Assert.Equal(absent, await WithoutTraceAsync(clock));
        Assert.Equal(absent, await WithoutTraceAsync(directory));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain("/api/dev/token", paths);
        Assert.DoesNotContain("/api/dev/clock", paths);
        Assert.DoesNotContain("/api/directory", paths);
        Assert.Contains("/api/staff/desk", paths);

        static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
        {
            var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
            problem!.Remove("traceId");
            return $"{response.Content.Headers.ContentType?.MediaType} {JsonSerializer.Serialize(problem)}";
        }
    }

    [Fact]
    public async Task DevEndpoints_InDevelopment_IssueTokensForSeededUsersOnlyAndListTheDirectory()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite);

        using var unknown = await api.Anonymous.PostAsJsonAsync("/api/dev/token", new { user = "nobody" });
        var directory = await api.Anonymous.GetFromJsonAsync<JsonElement>("/api/directory");
        var forged = new HttpClient { BaseAddress = api.App.BaseAddress };
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "CfDJ8forged");
        using var forgedAnswer = await forged.GetAsync("/api/staff/notifications");
        forged.Dispose();

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains(directory.GetProperty("users").EnumerateArray(), u => u.GetProperty("id").GetString() == "supervisor.1" && u.GetProperty("roles")[0].GetString() == "Supervisor");
        Assert.Contains(directory.GetProperty("departments").EnumerateArray(), d => d.GetProperty("isHqOffice").GetBoolean());
        Assert.DoesNotContain("mobile", directory.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedAnswer.StatusCode);
    }
}
