using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Assist.Domain.Organization;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Functions.Components.Reports;
using Assist.Storage.Reports.Exports;
using Assist.Storage.Workflow;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Tests.Pages;

/// <summary>
/// What people read on every page, in both languages: events, rungs, ratings, closures, reasons for HQ and statuses in
/// words (never an enum's name), and English pages with no Chinese left but the directory's names and the language
/// switch, in half-width punctuation.
/// </summary>
public sealed partial class PageTextTests(PageTextFixture fixture) : IClassFixture<PageTextFixture>
{
    /// <summary>Every enum whose values a page may show.</summary>
    private static readonly Type[] ShownEnums =
    [
        typeof(TicketStatus), typeof(EscalationRung), typeof(SatisfactionRating), typeof(ClosureKind), typeof(EscalationTrigger),
        typeof(TicketType), typeof(StaffRole), typeof(DepartmentRole), typeof(ActorKind), typeof(AttentionLevel),
        typeof(Metric), typeof(MedalCategory), typeof(Medal), typeof(PendingDecisionKind),
    ];

    [Fact]
    public async Task Scenario_BringsEveryRungTriggerRatingClosureAndStatusOntoTheTickets()
    {
        var events = await fixture.EventsAsync();
        var states = new List<TicketState>();
        foreach (var part in fixture.Tickets.Keys)
        {
            states.Add(await fixture.StateAsync(part));
        }

        Assert.Equal(Enum.GetValues<EscalationRung>().Order(), events.OfType<EscalationRaised>().Select(e => e.Rung).Distinct().Order());
        Assert.Equal(Enum.GetValues<EscalationTrigger>().Order(), events.OfType<TicketEscalatedToHq>().Select(e => e.Trigger).Distinct().Order());
        Assert.Equal(Enum.GetValues<ClosureKind>().Order(), events.OfType<TicketClosed>().Select(e => e.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<SatisfactionRating>().Order(), events.OfType<TicketClosed>().Select(e => e.Rating).OfType<SatisfactionRating>().Distinct().Order());
        Assert.Equal(Enum.GetValues<TicketStatus>().Where(s => s != TicketStatus.New).Order(), states.Select(s => s.Status).Distinct().Order());
        Assert.Contains(states, s => s.Departments.Any(d => d.Role == DepartmentRole.CoHandler));
    }

    private string TaxName => fixture.Directory.Organization.Departments.Single(d => d.Id == "tax").Name;

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Pages_EveryEventRungRatingClosureAndStatus_ShownInWordsNeverAsAnEnumName(string language)
    {
        var pages = await PagesAsync(language);
        var all = string.Join("\n", pages.SelectMany(p => p.Nodes).Select(n => n.Text));

        // Each value that the scenario brought about is on some page, in words.
        foreach (var label in InWords(language, () =>
            Enum.GetValues<EscalationRung>().Select(UiText.Rung)
                .Concat(Enum.GetValues<EscalationTrigger>().Select(UiText.Trigger))
                .Concat(Enum.GetValues<SatisfactionRating>().Select(UiText.Rating))
                .Concat([UiText.Closure(ClosureKind.Unrated, null), UiText.Closure(ClosureKind.Confirmed, SatisfactionRating.Satisfied)])
                .Concat(Enum.GetValues<TicketStatus>().Where(s => s != TicketStatus.New).Select(UiText.Status))
                .Concat([UiText.RoleCoHandler])
                .Concat([UiText.Event(nameof(HqInstructionGiven)), UiText.Event(nameof(HqInstructionAcknowledged)), UiText.EscalatedToHqBadge])
                .Concat([UiText.OpGiveInstruction, UiText.OpAcknowledgeInstruction, UiText.OpReRoute, UiText.HqInstructions])
                .Concat([UiText.Event(nameof(CoHandlerContributed)), UiText.OpContribute, UiText.ReplyIncludes(TaxName)])))
        {
            Assert.True(all.Contains(label, StringComparison.Ordinal), $"'{label}' is on no {language} page.");
        }

        // And no enum's own name is. A Chinese page has no English word that is a value's name. An English page has
        // no CamelCase name (InProgress, SignInOverdue…) anywhere, and no text that is just a value's name unless the
        // app's own vocabulary says exactly that ("Closed", "Satisfied" are both).
        var names = ShownEnums.SelectMany(Enum.GetNames).ToHashSet(StringComparer.Ordinal);
        var ledger = new LedgerLabels(fixture.Directory, chinese: false);
        var vocabulary = InWords("en", EnglishVocabulary)
            .Concat(Enum.GetValues<TicketStatus>().Select(ledger.Status))
            .Concat(Enum.GetValues<TicketType>().Select(t => ledger.Type(t)))
            .Concat(Enum.GetValues<AttentionLevel>().Select(ledger.Level))
            .Concat(Enum.GetValues<SatisfactionRating>().Select(r => ledger.Rating(r, ClosureKind.Confirmed)))
            .Append(ledger.Rating(null, ClosureKind.Unrated))
            .ToHashSet(StringComparer.Ordinal);
        var raw = names.Where(n => !vocabulary.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var compound = names.Where(n => n.Count(char.IsUpper) > 1).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var (page, nodes) in pages)
        {
            foreach (var node in nodes)
            {
                var tokens = Words().Matches(node.Text).Select(m => m.Value).ToList();
                var leaked = language == "en"
                    ? tokens.Where(compound.Contains).Concat(raw.Contains(node.Text) ? [node.Text] : [])
                    : tokens.Where(names.Contains);
                found.AddRange(leaked.Select(name => $"{page}: '{name}' in <{node.Element}> \"{node.Text}\""));
            }
        }

        Assert.True(found.Count == 0, string.Join("\n", found.Distinct()));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Track_TicketEscalatedToHq_TheEnterpriseSeesItWentToHqAndNothingInternal(string language)
    {
        using var enterprise = await fixture.EnterpriseAsync("escalated", language);

        var html = await enterprise.GetStringAsync("/track/" + fixture.Tickets["escalated"].Number);

        var (badge, step, why) = InWords(language, () => [UiText.EscalatedToHqBadge, UiText.Event(nameof(TicketEscalatedToHq)), UiText.Trigger(EscalationTrigger.SupervisorOrder)]) switch
        {
            [var b, var e, var t] => (b, e, t),
            _ => throw new InvalidOperationException(),
        };
        Assert.Contains("data-testid=\"escalated-to-hq\"", html, StringComparison.Ordinal);
        Assert.Contains(badge, html, StringComparison.Ordinal);
        Assert.Contains(step, html, StringComparison.Ordinal);
        Assert.Contains(why, html, StringComparison.Ordinal);
        // The supervisor's note, the HQ leader's instructions and who gave them stay inside.
        foreach (var inside in new[] { "A major problem", "Brief HQ on progress", "Bring the bank", "Acknowledged, we will", "hq.leader", "supervisor.1" })
        {
            Assert.DoesNotContain(inside, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_InEnglish_HaveNoChineseButNamesAndDataAndUseHalfWidthPunctuation()
    {
        var pages = await PagesAsync("en", withErrors: true);
        var organization = fixture.Directory.Organization;
        var data = organization.Departments.Select(d => d.Name)
            .Concat(organization.Staff.Select(u => u.Name))
            .Concat(organization.Districts)
            .Concat(organization.Topics.Select(t => t.NameZh))
            .Concat([UiText.SwitchToChinese])
            .Where(s => s.Length > 0)
            .OrderByDescending(s => s.Length)
            .ToList();

        var found = new List<string>();
        foreach (var (page, nodes) in pages)
        {
            foreach (var node in nodes)
            {
                var left = data.Aggregate(node.Text, (text, name) => text.Replace(name, "", StringComparison.Ordinal));
                if (NotEnglish().IsMatch(left))
                {
                    found.Add($"{page}: <{node.Element}> \"{node.Text}\"");
                }
            }
        }

        Assert.True(pages.Count > 40, $"only {pages.Count} pages");
        Assert.True(found.Count == 0, string.Join("\n", found.Distinct()));
    }

    /// <summary>
    /// Every text the app itself has in English: the words for every value of every shown enum and every event, and
    /// every fixed text of the pages (a value named like one of these cannot be told from it, and is not a leak).
    /// </summary>
    private static IEnumerable<string> EnglishVocabulary()
    {
        static IEnumerable<string> Texts(Type type) =>
            type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Where(p => p.PropertyType == typeof(string))
                .Select(p => (string)p.GetValue(null)!);

        return Texts(typeof(UiText)).Concat(Texts(typeof(ReportText)))
            .Concat(typeof(TicketEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(TicketEvent))).Select(t => UiText.Event(t.Name)))
            .Concat(Enum.GetValues<TicketStatus>().Select(UiText.Status))
            .Concat(Enum.GetValues<EscalationRung>().Select(UiText.Rung))
            .Concat(Enum.GetValues<SatisfactionRating>().Select(UiText.Rating))
            .Concat(Enum.GetValues<ClosureKind>().Select(k => UiText.Closure(k, null)))
            .Concat(Enum.GetValues<EscalationTrigger>().Select(UiText.Trigger))
            .Concat(Enum.GetValues<TicketType>().Select(UiText.Type))
            .Concat(Enum.GetValues<StaffRole>().Select(UiText.Role))
            .Concat(Enum.GetValues<AttentionLevel>().Select(UiText.Level))
            .Concat(Enum.GetValues<PendingDecisionKind>().Select(UiText.DecisionKind))
            .Concat(Enum.GetValues<ActorKind>().Select(UiText.Actor))
            .Concat(Enum.GetValues<Metric>().Select(ReportText.MetricName))
            .Concat(Enum.GetValues<MedalCategory>().Select(ReportText.Category))
            .Concat(Enum.GetValues<Medal>().Select(ReportText.MedalName))
            .ToList();
    }

    /// <summary>Runs <paramref name="words"/> as a page in <paramref name="language"/> would.</summary>
    private static IReadOnlyList<string> InWords(string language, Func<IEnumerable<string>> words)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return [.. words()];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>Every page of the app as its users open it, with the scenario's tickets in every state.</summary>
    private async Task<List<(string Page, IReadOnlyList<PageTextNode> Nodes)>> PagesAsync(string language, bool withErrors = false)
    {
        var pages = new List<(string, IReadOnlyList<PageTextNode>)>();
        async Task GetAsync(HttpClient client, string who, string path, HttpStatusCode expected = HttpStatusCode.OK)
        {
            using var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{who} {path}: {(int)response.StatusCode}");
            pages.Add(($"{who} {path}", PageText.Nodes(html)));
        }

        var tickets = fixture.Tickets;
        using var anonymous = fixture.Browser(language);
        foreach (var path in new[] { "/", "/submit", "/track", "/dev/sign-in" })
        {
            await GetAsync(anonymous, "anonymous", path);
        }

        await GetAsync(anonymous, "anonymous", "/no-such-page", HttpStatusCode.NotFound);
        foreach (var part in tickets.Keys)
        {
            using var enterprise = await fixture.EnterpriseAsync(part, language);
            await GetAsync(enterprise, "enterprise of " + part, "/track/" + tickets[part].Number);
        }

        using var supervisor = await fixture.StaffAsync("supervisor.1", language);
        foreach (var part in tickets.Keys)
        {
            await GetAsync(supervisor, "supervisor.1", "/staff/tickets/" + tickets[part].Number);
        }

        foreach (var path in new[] { "/staff/overdue", "/staff/worklist", "/staff/queue", "/staff/queue/finance", "/staff/inbox", "/staff/reveals", "/staff/common-issues", "/staff/common-issues/" + fixture.CommonIssueId, "/reports", "/reports/ledger", "/reports/scorecard", "/reports/medals", "/reports/bulletin?month=2026-03", "/reports/charts" })
        {
            await GetAsync(supervisor, "supervisor.1", path);
        }

        using var leader = await fixture.StaffAsync("hq.leader", language);
        await GetAsync(leader, "hq.leader", "/staff/inbox");
        await GetAsync(leader, "hq.leader", "/staff/tickets/" + tickets["ladder"].Number);
        await GetAsync(leader, "hq.leader", "/staff/tickets/" + tickets["escalated"].Number);
        using var head = await fixture.StaffAsync("head.finance", language);
        foreach (var path in new[] { "/staff", "/staff/queue", "/staff/inbox", "/reports/ledger", "/staff/tickets/" + tickets["orders"].Number, "/staff/tickets/" + tickets["routed"].Number })
        {
            await GetAsync(head, "head.finance", path);
        }

        // Every officer's desk and inbox, and the ticket pages with the forms they may use.
        foreach (var officer in (await Task.WhenAll(tickets.Keys.Select(fixture.StateAsync))).Select(s => s.OfficerId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            using var client = await fixture.StaffAsync(officer, language);
            await GetAsync(client, officer, "/staff");
            await GetAsync(client, officer, "/staff/inbox");
            foreach (var part in tickets.Keys)
            {
                if ((await fixture.StateAsync(part)).OfficerId == officer)
                {
                    await GetAsync(client, officer, "/staff/tickets/" + tickets[part].Number);
                }
            }
        }

        using var hqOffice = await fixture.StaffAsync("officer.hq-office.1", language);
        await GetAsync(hqOffice, "officer.hq-office.1", "/staff/tickets/" + tickets["submitted"].Number);
        await GetAsync(hqOffice, "officer.hq-office.1", "/staff/tickets/" + tickets["co-handled"].Number);
        using var coHandler = await fixture.StaffAsync("officer.tax.1", language);
        await GetAsync(coHandler, "officer.tax.1", "/staff/tickets/" + tickets["co-handled"].Number);
        await GetAsync(coHandler, "officer.tax.1", "/staff/tickets/" + tickets["contributing"].Number);
        await GetAsync(coHandler, "officer.tax.1", "/staff/inbox");
        using var admin = await fixture.StaffAsync("admin", language);
        await GetAsync(admin, "admin", "/manage");
        await GetAsync(head, "head.finance", "/manage", HttpStatusCode.Forbidden);

        if (withErrors)
        {
            pages.Add(("the receipt", PageText.Nodes(fixture.EnglishReceipt)));
            await GetAsync(supervisor, "supervisor.1", "/reports/ledger?period=someday", HttpStatusCode.BadRequest);

            // The form sent empty: every field's message.
            var form = await anonymous.GetStringAsync("/submit");
            using var empty = new MultipartFormDataContent { { new StringContent(PageTextFixture.Token(form)), "__RequestVerificationToken" } };
            using var refused = await anonymous.PostAsync("/submit", empty);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            pages.Add(("anonymous POST /submit", PageText.Nodes(await refused.Content.ReadAsStringAsync())));

            // A staff form refused by the workflow: an extension asked again while one is pending.
            var officer = (await fixture.StateAsync("orders")).OfficerId!;
            using var client = await fixture.StaffAsync(officer, language);
            var ticketPage = await client.GetStringAsync("/staff/tickets/" + tickets["orders"].Number);
            using var act = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = PageTextFixture.Token(ticketPage),
                ["op"] = "RequestInformation",
                ["version"] = Regex.Match(ticketPage, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value,
            });
            using var actRefused = await client.PostAsync("/staff/tickets/" + tickets["orders"].Number + "?handler=Act", act);
            Assert.Equal(HttpStatusCode.BadRequest, actRefused.StatusCode);
            pages.Add(($"{officer} POST RequestInformation", PageText.Nodes(await actRefused.Content.ReadAsStringAsync())));

            // The administrator's calendar upload refused.
            var adminPage = await admin.GetStringAsync("/manage");
            using var calendar = new MultipartFormDataContent
            {
                { new StringContent(PageTextFixture.Token(adminPage)), "__RequestVerificationToken" },
                { new StringContent("2027"), "year" },
                { new ByteArrayContent("{\"year\": 2027, \"days\": [{\"date\": \"2027-13-01\"}]}"u8.ToArray()), "file", "2027.json" },
            };
            using var calendarRefused = await admin.PostAsync("/manage?handler=Calendar", calendar);
            Assert.Equal(HttpStatusCode.BadRequest, calendarRefused.StatusCode);
            pages.Add(("admin POST calendar", PageText.Nodes(await calendarRefused.Content.ReadAsStringAsync())));
        }

        return pages;
    }

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Words();

    /// <summary>Chinese characters and full-width or CJK punctuation (，。：；（）、 and the rest).</summary>
    [GeneratedRegex("[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]")]
    private static partial Regex NotEnglish();
}
