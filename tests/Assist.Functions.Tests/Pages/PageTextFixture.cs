using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assist.Domain.Tickets;
using Assist.Functions.Tests.Api;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Pages;

/// <summary>
/// One app on its own Azurite with tickets in every state a page can show, driven through the API and the development
/// clock as people and timers would: every rung of the ladder (sign-in overdue, blue, yellow, red, an overdue
/// supervision order, return and extension decisions waiting too long), every way to HQ (overdue, a supervisor's
/// order, repeated rejection), an HQ leader's instructions (批示, one acknowledged, one waiting), every rating, a close as 未评价, co-handling departments (one owing its contribution, one whose contribution a reply includes), a mobile reveal. The data the
/// enterprise typed is plain ASCII so that what is left on an English page is the app's own text or the directory's.
/// </summary>
public sealed class PageTextFixture : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 09:00 Beijing time; four weeks later every timer of the first tickets is due.</summary>
    public const string ClockStart = "2026-03-02T09:00:00+08:00";
    public const string ClockLater = "2026-03-30T10:00:00+08:00";

    private static readonly string[] CoHandlers = ["tax"];

    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public ApiHarness Api => _api!;

    /// <summary>The tickets by the part they play (see <see cref="InitializeAsync"/>).</summary>
    public Dictionary<string, Submitted> Tickets { get; } = new(StringComparer.Ordinal);

    /// <summary>The receipt an English-speaking enterprise saw after sending the form.</summary>
    public string EnglishReceipt { get; private set; } = "";

    public DirectorySnapshot Directory { get; private set; } = null!;

    /// <summary>The common issue (共性问题) grouping two of the tickets.</summary>
    public string CommonIssueId { get; private set; } = "";

    public static Dictionary<string, object?> Form(string topic = "FINANCE", string type = "Help")
    {
        var form = ApiHarness.Form(topic, type);
        form["enterpriseName"] = "Shenzhen Sample Technology Co., Ltd.";
        form["industry"] = "Manufacturing";
        form["contactName"] = "Wang Li";
        form["title"] = "Working capital loan approval stuck";
        form["description"] = "We applied for a working capital loan three months ago and have heard nothing since; please coordinate.";
        return form;
    }

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite, new Dictionary<string, string?> { ["DevClock:Start"] = ClockStart });
        var supervisor = await Api.SignInAsync("supervisor.1");

        // Monday: tickets whose timers the clock will bring due.
        var ladder = await SubmitAsync("ladder");
        var orders = await SubmitAsync("orders");
        await CheckInAsync(orders);
        await OkAsync(Api.ActAsync(supervisor, orders.Number, "supervision-orders", new { instructions = "Call the enterprise back within a day.", workingDays = 1 }));
        await OkAsync(Api.ActAsync(await OfficerAsync(orders), orders.Number, "extension-request", new { workingDays = 2, reason = "The bank head office has to approve." }));
        var returned = await SubmitAsync("returned");
        await CheckInAsync(returned);
        await OkAsync(Api.ActAsync(await OfficerAsync(returned), returned.Number, "return", new { reason = "Loans are not our business." }));
        var unrated = await SubmitAsync("unrated");
        await ReplyAsync(unrated);
        var escalated = await SubmitAsync("escalated");
        await CheckInAsync(escalated);
        await OkAsync(Api.ActAsync(supervisor, escalated.Number, "escalation", new { note = "A major problem: HQ coordinates." }));
        // HQ acts on it: one instruction acknowledged by the officer, one still waiting for the department.
        var leader = await Api.SignInAsync("hq.leader");
        await OkAsync(Api.ActAsync(leader, escalated.Number, "instructions", new { instruction = "Brief HQ on progress every Friday." }));
        await OkAsync(Api.ActAsync(await OfficerAsync(escalated), escalated.Number, "instruction-acknowledgement", new { note = "Acknowledged, we will brief HQ." }));
        await OkAsync(Api.ActAsync(leader, escalated.Number, "instructions", new { instruction = "Bring the bank to Friday's meeting." }));
        var rejected = await SubmitAsync("rejected");
        await ReplyAsync(rejected);
        await EnterpriseAsync(rejected, "rejection", new { reason = "Nothing has arrived yet." });
        await OkAsync(Api.ActAsync(await OfficerAsync(rejected), rejected.Number, "reply", new { answer = "The bank will pay out on Friday.", resolved = true }));
        await EnterpriseAsync(rejected, "rejection", new { reason = "Still nothing has arrived." });
        foreach (var rating in Enum.GetValues<SatisfactionRating>())
        {
            var rated = await SubmitAsync("rated-" + rating);
            await ReplyAsync(rated);
            await EnterpriseAsync(rated, "confirmation", new { rating = rating.ToString(), comment = "Thank you for the quick help." });
        }

        var coHandled = await SubmitAsync("co-handled", Form(topic: "OTHER"));
        await OkAsync(Api.ActAsync(await Api.SignInAsync("officer.hq-office.1"), coHandled.Number, "route", new { leadDepartmentId = "finance", coHandlerDepartmentIds = CoHandlers }));
        await OkAsync(ApiHarness.SendAsync(supervisor, HttpMethod.Post, $"/api/staff/tickets/{ladder.Number}/reveal-mobile"));

        // Four weeks later: every reminder, card, decision window and confirmation window above has run out.
        var moved = await Api.MoveClockAsync(new { now = ClockLater });
        Assert.True(moved.GetProperty("settled").GetBoolean(), moved.ToString());
        await Api.App.DispatchedAsync();

        // Then tickets that wait for someone now.
        var awaiting = await SubmitAsync("awaiting");
        await CheckInAsync(awaiting);
        await OkAsync(Api.ActAsync(await OfficerAsync(awaiting), awaiting.Number, "information-requests", new { question = "Please send the last three monthly statements." }));
        await ReplyAsync(await SubmitAsync("replied"));
        // 协办: one co-handler signed in and about to contribute, another that contributed to a reply.
        var taxOfficer = await Api.SignInAsync("officer.tax.1");
        var contributing = await SubmitAsync("contributing", Form(topic: "OTHER"));
        await OkAsync(Api.ActAsync(await Api.SignInAsync("officer.hq-office.1"), contributing.Number, "route", new { leadDepartmentId = "finance", coHandlerDepartmentIds = CoHandlers }));
        await OkAsync(Api.ActAsync(taxOfficer, contributing.Number, "check-in", new { }));
        var contributed = await SubmitAsync("contributed", Form(topic: "OTHER"));
        await OkAsync(Api.ActAsync(await Api.SignInAsync("officer.hq-office.1"), contributed.Number, "route", new { leadDepartmentId = "finance", coHandlerDepartmentIds = CoHandlers }));
        await OkAsync(Api.ActAsync(taxOfficer, contributed.Number, "check-in", new { }));
        await OkAsync(Api.ActAsync(taxOfficer, contributed.Number, "contribution", new { text = "The tax credit rating is A: the loan qualifies for the interest subsidy." }));
        await ReplyAsync(contributed);
        await SubmitAsync("routed");
        await SubmitAsync("submitted", Form(topic: "OTHER"));
        // 共性问题: two open tickets grouped under the industrial park bureau.
        var grouped = await ApiHarness.SendAsync(supervisor, HttpMethod.Post, "/api/staff/common-issues", new { title = "Loans stuck at the same bank", leadDepartmentId = "park", tickets = new[] { Tickets["routed"].Number, Tickets["awaiting"].Number } });
        Assert.True(grouped.Status == HttpStatusCode.Created, grouped.Text);
        CommonIssueId = grouped.Json.GetProperty("issue").GetProperty("id").GetString()!;
        EnglishReceipt = await SubmitOnThePageAsync("en");
        await Api.App.DispatchedAsync();
        Directory = await Api.App.Services.GetRequiredService<DirectoryStore>().GetAsync();
    }

    /// <summary>Every ticket's events, as stored.</summary>
    public async Task<IReadOnlyList<TicketEvent>> EventsAsync()
    {
        var service = Api.App.Services.GetRequiredService<TicketService>();
        var events = new List<TicketEvent>();
        foreach (var ticket in Tickets.Values)
        {
            events.AddRange((await service.GetLedgerAsync(ticket.Number))!.Entries.Select(e => e.Event));
        }

        return events;
    }

    public async Task<TicketState> StateAsync(string part) =>
        (await Api.App.Services.GetRequiredService<TicketService>().GetAsync(Tickets[part].Number))!.State;

    /// <summary>A staff member's browser (cookies for anti-forgery) in the given language.</summary>
    public async Task<HttpClient> StaffAsync(string user, string language)
    {
        var client = Browser(language);
        using var response = await Api.Anonymous.PostAsync("/api/dev/token", ApiHarness.Json(JsonSerializer.Serialize(new { user })));
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The enterprise's browser, the ticket opened with its number and code (the tracking cookie set).</summary>
    public async Task<HttpClient> EnterpriseAsync(string part, string language)
    {
        var client = Browser(language);
        var page = await client.GetStringAsync("/track");
        using var open = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["ticketNumber"] = Tickets[part].Number,
            ["trackingCode"] = Tickets[part].TrackingCode,
        });
        using var opened = await client.PostAsync("/track?handler=Open", open);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return client;
    }

    public HttpClient Browser(string language)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Api.App.BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private async Task<Submitted> SubmitAsync(string part, Dictionary<string, object?>? form = null)
    {
        var ticket = await Api.SubmitAsync(form ?? Form());
        Tickets[part] = ticket;
        return ticket;
    }

    private async Task<string> SubmitOnThePageAsync(string language)
    {
        using var client = Browser(language);
        var page = await client.GetStringAsync("/submit");
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in Form())
        {
            form.Add(new StringContent(value is bool b ? (b ? "true" : "false") : (string)value!), "Form." + char.ToUpperInvariant(key[0]) + key[1..]);
        }

        form.Add(new StringContent(Token(page)), "__RequestVerificationToken");
        using var sent = await client.PostAsync("/submit", form);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return await client.GetStringAsync(sent.Headers.Location);
    }

    private async Task<HttpClient> OfficerAsync(Submitted ticket)
    {
        var state = (await Api.App.Services.GetRequiredService<TicketService>().GetAsync(ticket.Number))!.State;
        return await Api.SignInAsync(state.OfficerId ?? throw new InvalidOperationException($"{ticket.Number} has no officer."));
    }

    private async Task CheckInAsync(Submitted ticket) =>
        await OkAsync(Api.ActAsync(await OfficerAsync(ticket), ticket.Number, "check-in", new { }));

    private async Task ReplyAsync(Submitted ticket)
    {
        await CheckInAsync(ticket);
        await OkAsync(Api.ActAsync(await OfficerAsync(ticket), ticket.Number, "reply", new { answer = "The bank approved the loan; it pays out this week.", resolved = true }));
    }

    private async Task EnterpriseAsync(Submitted ticket, string action, object body) =>
        await OkAsync(ApiHarness.SendAsync(Api.Anonymous, HttpMethod.Post, $"/api/tickets/{ticket.Number}/{action}", body, trackingCode: ticket.TrackingCode));

    private static async Task OkAsync(Task<Answer> answer)
    {
        var done = await answer;
        Assert.True(done.Status == HttpStatusCode.OK, $"{(int)done.Status} {done.Text}");
    }
}
