using System.IO.Compression;
using System.Net;
using System.Text;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// Every endpoint × every caller × a plain and a confidential (保密) ticket: anonymous → 401, a signed-in stranger
/// (not in the directory) → 403, a role the endpoint does not admit → 403, an admitted role → anything but 401/403
/// (the workflow may still say 409 or 400); the enterprise endpoints: the right tracking code is admitted, a wrong
/// one is 404, none is 401. On the confidential ticket no answer to anyone but an overseer (or the enterprise itself)
/// carries what identifies the enterprise; overseers get it.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture) : IClassFixture<AuthorizationMatrixFixture>
{
    private const string Officer = "officer.finance.1";
    private const string Head = "head.finance";
    private const string Supervisor = "supervisor.1";
    private const string Leader = "hq.leader";
    private const string Admin = "admin";
    private static readonly string[] AllStaff = [Officer, Head, Supervisor, Leader, Admin];

    /// <summary>operationId → (method, path with {n} for the ticket and {a} for the attachment, JSON body, roles admitted; null = the enterprise's).</summary>
    private static readonly Dictionary<string, (string Method, string Path, string? Body, string[]? Roles)> Endpoints = new()
    {
        ["TrackTicket"] = ("GET", "/api/tickets/{n}", null, null),
        ["ProvideInformation"] = ("POST", "/api/tickets/{n}/information", """{"answer":"补充材料"}""", null),
        ["ConfirmTicket"] = ("POST", "/api/tickets/{n}/confirmation", """{"rating":"Satisfied"}""", null),
        ["RejectReply"] = ("POST", "/api/tickets/{n}/rejection", """{"reason":"未解决"}""", null),
        ["DownloadAttachment"] = ("GET", "/api/tickets/{n}/attachments/{a}", null, null),
        ["GetTicket"] = ("GET", "/api/staff/tickets/{n}", null, AllStaff),
        ["GetTicketLedger"] = ("GET", "/api/staff/tickets/{n}/ledger", null, AllStaff),
        ["RevealMobile"] = ("POST", "/api/staff/tickets/{n}/reveal-mobile", null, AllStaff),
        ["RouteTicket"] = ("POST", "/api/staff/tickets/{n}/route", """{"leadDepartmentId":"finance"}""", [Supervisor, Leader, Admin]),
        ["AssignOfficer"] = ("POST", "/api/staff/tickets/{n}/assignment", "{}", [Head, Supervisor]),
        ["ReassignOfficer"] = ("POST", "/api/staff/tickets/{n}/reassignment", """{"officerId":"officer.finance.2","reason":"调整"}""", [Head, Supervisor]),
        ["CheckInTicket"] = ("POST", "/api/staff/tickets/{n}/check-in", "{}", [Officer, Head]),
        ["RecordContact"] = ("POST", "/api/staff/tickets/{n}/contacts", """{"note":"电话联系"}""", [Officer, Head]),
        ["RecordProgress"] = ("POST", "/api/staff/tickets/{n}/progress", """{"note":"已转银行"}""", [Officer, Head]),
        ["SubmitContribution"] = ("POST", "/api/staff/tickets/{n}/contribution", """{"text":"协办意见"}""", [Officer, Head]),
        ["RequestInformation"] = ("POST", "/api/staff/tickets/{n}/information-requests", """{"question":"请补充财报"}""", [Officer, Head]),
        ["ReplyToTicket"] = ("POST", "/api/staff/tickets/{n}/reply", """{"answer":"已办理","resolved":true}""", [Officer, Head]),
        ["RequestExtension"] = ("POST", "/api/staff/tickets/{n}/extension-request", """{"workingDays":2,"reason":"需审批"}""", [Officer, Head]),
        ["DecideExtension"] = ("POST", "/api/staff/tickets/{n}/extension-decision", """{"approve":false,"note":"不同意"}""", [Supervisor]),
        ["ReturnTicket"] = ("POST", "/api/staff/tickets/{n}/return", """{"reason":"非本部门职责"}""", [Officer, Head]),
        ["DecideReturn"] = ("POST", "/api/staff/tickets/{n}/return-decision", """{"accept":false,"note":"退单不成立"}""", [Supervisor]),
        ["EscalateTicket"] = ("POST", "/api/staff/tickets/{n}/escalation", """{"note":"重大问题"}""", [Supervisor, Leader]),
        ["IssueSupervisionOrder"] = ("POST", "/api/staff/tickets/{n}/supervision-orders", """{"instructions":"尽快办理","workingDays":2}""", [Supervisor, Leader]),
        ["GiveInstruction"] = ("POST", "/api/staff/tickets/{n}/instructions", """{"instruction":"请牵头协调"}""", [Leader]),
        ["AcknowledgeInstruction"] = ("POST", "/api/staff/tickets/{n}/instruction-acknowledgement", "{}", [Officer, Head]),
        ["ListCommonIssues"] = ("GET", "/api/staff/common-issues", null, AllStaff),
        ["GetCommonIssue"] = ("GET", "/api/staff/common-issues/GX-20260302-AAAAAA", null, AllStaff),
        ["SuggestCommonIssues"] = ("GET", "/api/staff/common-issue-suggestions", null, [Supervisor]),
        ["CreateCommonIssue"] = ("POST", "/api/staff/common-issues", """{"title":"共性问题","leadDepartmentId":"park","tickets":["2026-0302-ZZZZZZ"]}""", [Supervisor]),
        ["AddCommonIssueMembers"] = ("POST", "/api/staff/common-issues/GX-20260302-AAAAAA/members", """{"tickets":["2026-0302-ZZZZZZ"]}""", [Supervisor]),
        ["AnswerCommonIssue"] = ("POST", "/api/staff/common-issues/GX-20260302-AAAAAA/answer", """{"answer":"统一答复","resolved":true}""", [Officer, Head]),
        ["ListMyTickets"] = ("GET", "/api/staff/desk", null, [Officer, Head]),
        ["ListDepartmentQueue"] = ("GET", "/api/staff/departments/finance/queue", null, [Head, Supervisor, Leader]),
        ["ListOverdue"] = ("GET", "/api/staff/overdue", null, [Supervisor, Leader]),
        ["ListPendingDecisions"] = ("GET", "/api/staff/worklist", null, [Supervisor]),
        ["ListNotifications"] = ("GET", "/api/staff/notifications", null, AllStaff),
        ["MarkNotificationRead"] = ("POST", "/api/staff/notifications/none/read", null, AllStaff),
        ["ListDirectory"] = ("GET", "/api/admin/directory", null, [Admin]),
        ["ListDesignatedOfficers"] = ("GET", "/api/admin/designated-officers", null, [Admin]),
        ["PutDesignatedOfficer"] = ("PUT", "/api/admin/designated-officers/91440300MA5FMATRX9", """{"officerId":"officer.finance.2"}""", [Admin]),
        ["RemoveDesignatedOfficer"] = ("DELETE", "/api/admin/designated-officers/91440300MA5FMATRX9", null, [Admin]),
        ["ImportDesignatedOfficers"] = ("POST", "/api/admin/designated-officers/import", "creditCode,officerId\n91440300MA5FMATRX9,nobody\n", [Admin]),
        ["UpsertDepartment"] = ("PUT", "/api/admin/departments/matrix-test", """{"name":"矩阵测试部门"}""", [Admin]),
        ["UpsertUser"] = ("PUT", "/api/admin/users/matrix.user", """{"name":"测试用户","departmentId":"matrix-test","roles":["LiaisonOfficer"],"active":false}""", [Admin]),
        ["UpsertTopic"] = ("PUT", "/api/admin/topics/MATRIX", """{"nameZh":"测试","nameEn":"Test","active":false}""", [Admin]),
        ["PutRoutingRules"] = ("PUT", "/api/admin/routing-rules", """[{"id":""}]""", [Admin]),
        ["PutPolicies"] = ("PUT", "/api/admin/policies", "{}", [Admin]),
        ["ListCalendarYears"] = ("GET", "/api/admin/calendar-years", null, [Admin]),
        ["PutCalendarYear"] = ("PUT", "/api/admin/calendar-years/2027", """{"year":2026,"days":[]}""", [Admin]),
        ["RebuildProjections"] = ("POST", "/api/admin/projections/rebuild", null, [Admin]),
        ["GetLifecycleStatus"] = ("GET", "/api/admin/lifecycle", null, [Admin]),
        ["ListMobileReveals"] = ("GET", "/api/staff/reveals", null, [Supervisor, Admin]),
        ["GetLedgerChains"] = ("GET", "/api/reports/ledger-chains", null, [Head, Supervisor, Leader, Admin]),
        ["ListWebhooks"] = ("GET", "/api/admin/webhooks", null, [Admin]),
        // Switched off, so the fixture's tickets post nothing to it.
        ["CreateWebhook"] = ("POST", "/api/admin/webhooks", """{"name":"矩阵测试","url":"https://hooks.example.cn/matrix","active":false}""", [Admin]),
        ["UpdateWebhook"] = ("PUT", "/api/admin/webhooks/0123456789abcdef", """{"name":"矩阵测试","url":"https://hooks.example.cn/matrix","active":false}""", [Admin]),
        ["DeleteWebhook"] = ("DELETE", "/api/admin/webhooks/0123456789abcdef", null, [Admin]),
        ["RotateWebhookSecret"] = ("POST", "/api/admin/webhooks/0123456789abcdef/secret", null, [Admin]),
        ["SendWebhookTest"] = ("POST", "/api/admin/webhooks/0123456789abcdef/test", null, [Admin]),
        ["ListWebhookDeliveries"] = ("GET", "/api/admin/webhooks/0123456789abcdef/deliveries", null, [Admin]),
    };

    /// <summary>Roles admitted on the confidential ticket where they differ: departments may not reveal its mobile.</summary>
    private static readonly Dictionary<string, string[]> ConfidentialRoles = new()
    {
        ["RevealMobile"] = [Supervisor, Leader, Admin],
    };

    /// <summary>
    /// Everything that reads ticket data, API and pages, with the identifying fields an overseer must find in it on the
    /// confidential ticket ({n}: that ticket; {a}: its attachment). Staff lists carry no enterprise name for anyone.
    /// </summary>
    private static readonly Dictionary<string, (string Path, string[] OverseerSees)> Reads = new()
    {
        ["GetTicket"] = ("/api/staff/tickets/{n}", [AuthorizationMatrixFixture.SecretName, AuthorizationMatrixFixture.SecretCreditCode, AuthorizationMatrixFixture.SecretContact, AuthorizationMatrixFixture.SecretMobileMasked, "营业执照-保密样本"]),
        ["GetTicketLedger"] = ("/api/staff/tickets/{n}/ledger", []),
        ["DownloadAttachment"] = ("/api/tickets/{n}/attachments/{a}", ["营业执照-保密样本"]),
        ["ListMyTickets"] = ("/api/staff/desk", []),
        ["ListDepartmentQueue"] = ("/api/staff/departments/finance/queue", []),
        ["ListOverdue"] = ("/api/staff/overdue", []),
        ["ListPendingDecisions"] = ("/api/staff/worklist", []),
        ["ListNotifications"] = ("/api/staff/notifications", []),
        // A search by the confidential enterprise finds nothing that names it (and the lists never hold its name or code).
        ["SearchDeskBySecretName"] = ("/api/staff/desk?q=" + Uri.EscapeDataString(AuthorizationMatrixFixture.SecretName), []),
        ["SearchQueueBySecretName"] = ("/api/staff/departments/finance/queue?q=" + Uri.EscapeDataString(AuthorizationMatrixFixture.SecretName), []),
        ["SearchQueueBySecretCode"] = ("/api/staff/departments/finance/queue?q=" + AuthorizationMatrixFixture.SecretCreditCode, []),
        ["SearchQueueByNumber"] = ("/api/staff/departments/finance/queue?q={n}", []),
        ["SearchOverdueBySecretName"] = ("/api/staff/overdue?q=" + Uri.EscapeDataString(AuthorizationMatrixFixture.SecretName), []),
        ["ListMobileReveals"] = ("/api/staff/reveals", []),
        ["GetLedgerChains"] = ("/api/reports/ledger-chains", []),
        ["GetLedger"] = ("/api/reports/ledger", [AuthorizationMatrixFixture.SecretName, AuthorizationMatrixFixture.SecretCreditCode]),
        ["ExportLedgerCsv"] = ("/api/reports/ledger/export.csv", [AuthorizationMatrixFixture.SecretName, AuthorizationMatrixFixture.SecretCreditCode]),
        ["ExportLedgerXlsx"] = ("/api/reports/ledger/export.xlsx", [AuthorizationMatrixFixture.SecretName, AuthorizationMatrixFixture.SecretCreditCode]),
        ["PageTicket"] = ("/staff/tickets/{n}", [AuthorizationMatrixFixture.SecretName, AuthorizationMatrixFixture.SecretCreditCode, AuthorizationMatrixFixture.SecretContact, AuthorizationMatrixFixture.SecretMobileMasked, "营业执照-保密样本"]),
        ["PageDesk"] = ("/staff", []),
        ["PageQueue"] = ("/staff/queue", []),
        ["PageOverdue"] = ("/staff/overdue", []),
        ["PageWorklist"] = ("/staff/worklist", []),
        ["PageInbox"] = ("/staff/inbox", []),
        ["PageReveals"] = ("/staff/reveals", []),
        ["PageLedger"] = ("/reports/ledger", [AuthorizationMatrixFixture.SecretName]),
    };

    private static readonly string[] Overseers = [Supervisor, Leader, Admin];
    private static readonly bool[] BothTickets = [false, true];
    private static readonly bool[] PlainTicket = [false];

    public static IEnumerable<object[]> Cases() =>
        from endpoint in Endpoints.Keys.Order(StringComparer.Ordinal)
        from caller in Endpoints[endpoint].Roles is null
            ? AllStaff.Concat(["anonymous", "unknown", "enterprise", "enterprise-wrong-code"])
            : AllStaff.Concat(["anonymous", "unknown", "enterprise"])
        from confidential in Endpoints[endpoint].Path.Contains("{n}", StringComparison.Ordinal) ? BothTickets : PlainTicket
        select new object[] { endpoint, caller, confidential };

    public static IEnumerable<object[]> ReadCases() =>
        from read in Reads.Keys.Order(StringComparer.Ordinal)
        from caller in AllStaff
        select new object[] { read, caller };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Call_EndpointAsCaller_IsAdmittedOnlyForItsRoles(string operationId, string caller, bool confidential)
    {
        var (method, template, body, roles) = Endpoints[operationId];
        roles = confidential ? ConfidentialRoles.GetValueOrDefault(operationId, roles!) : roles;
        var number = confidential ? fixture.ConfidentialNumber : fixture.Number;
        var path = template.Replace("{n}", number, StringComparison.Ordinal)
            .Replace("{a}", confidential ? fixture.ConfidentialAttachmentId : fixture.AttachmentId, StringComparison.Ordinal);
        var client = caller.StartsWith("enterprise", StringComparison.Ordinal) ? fixture.Callers["anonymous"] : fixture.Callers[caller];
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            // The one CSV endpoint (the designated-officer import) gets CSV: routing matches a body's declared type.
            request.Content = body.StartsWith("creditCode,", StringComparison.Ordinal) ? new StringContent(body, Encoding.UTF8, "text/csv") : ApiHarness.Json(body);
        }

        if (path.StartsWith("/api/staff/tickets/", StringComparison.Ordinal) && method == "POST")
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{await fixture.Api.VersionAsync(number)}\"");
        }

        if (caller == "enterprise")
        {
            request.Headers.Add("X-Tracking-Code", confidential ? fixture.ConfidentialTrackingCode : fixture.TrackingCode);
        }
        else if (caller == "enterprise-wrong-code")
        {
            request.Headers.Add("X-Tracking-Code", "WRONGWRONGWRONGWRONGWRONGWRONG22");
        }

        using var response = await client.SendAsync(request);
        var status = response.StatusCode;
        var text = await TextOfAsync(response);
        var detail = $"{operationId} as {caller}{(confidential ? " (confidential)" : "")}: {(int)status} {text}";

        // Whatever it answers, nobody but an overseer or the enterprise itself learns who a confidential enterprise is.
        if (confidential && !Overseers.Contains(caller) && caller != "enterprise")
        {
            AssertNoSecret(text, detail);
        }

        if (roles is null)
        {
            // The enterprise's endpoints (staff may download attachments of tickets they see).
            var expectedForStaff = operationId == "DownloadAttachment" ? (HttpStatusCode?)null : HttpStatusCode.Unauthorized;
            switch (caller)
            {
                case "enterprise":
                    Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound), detail);
                    break;
                case "enterprise-wrong-code":
                    Assert.True(status == HttpStatusCode.NotFound, detail);
                    break;
                case "anonymous":
                    Assert.True(status == HttpStatusCode.Unauthorized, detail);
                    break;
                case "unknown":
                    Assert.True(status == (operationId == "DownloadAttachment" ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized), detail);
                    break;
                default:
                    Assert.True(expectedForStaff is null ? status == HttpStatusCode.OK : status == expectedForStaff, detail);
                    break;
            }
        }
        else if (caller is "anonymous" or "enterprise")
        {
            Assert.True(status == HttpStatusCode.Unauthorized, detail);
        }
        else if (roles.Contains(caller))
        {
            Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500, detail);
        }
        else
        {
            Assert.True(status == HttpStatusCode.Forbidden, detail);
        }

        if ((int)status >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", detail);
        }
    }
    [Theory]
    [MemberData(nameof(ReadCases))]
    public async Task Read_ConfidentialTicket_DepartmentsSeeNothingIdentifyingOverseersSeeTheEnterprise(string read, string caller)
    {
        var (template, overseerSees) = Reads[read];
        var path = template.Replace("{n}", fixture.ConfidentialNumber, StringComparison.Ordinal)
            .Replace("{a}", fixture.ConfidentialAttachmentId, StringComparison.Ordinal);

        using var response = await fixture.Callers[caller].GetAsync(path);
        var text = await TextOfAsync(response);

        var detail = $"{read} as {caller}: {(int)response.StatusCode} {text}";
        if (Overseers.Contains(caller) && overseerSees.Length > 0)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, detail);
            foreach (var secret in overseerSees)
            {
                Assert.True(text.Contains(secret, StringComparison.Ordinal), $"{secret} missing: {detail}");
            }
        }
        else if (!Overseers.Contains(caller))
        {
            AssertNoSecret(text, detail);
        }

        Assert.True((int)response.StatusCode < 500, detail);

        if (read == "PageTicket")
        {
            // Overseers may reveal the mobile (logged); departments get no reveal button on a confidential ticket.
            Assert.Equal(Overseers.Contains(caller), text.Contains("data-testid=\"reveal-mobile\"", StringComparison.Ordinal));
            if (!Overseers.Contains(caller))
            {
                Assert.Contains("附件1.txt", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task DownloadAttachment_ConfidentialTicketInEnglish_DepartmentGetsTheNeutralEnglishName()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/{fixture.ConfidentialNumber}/attachments/{fixture.ConfidentialAttachmentId}");
        request.Headers.AcceptLanguage.ParseAdd("en");

        using var response = await fixture.Callers[Officer].SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Attachment 1.txt", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    private static void AssertNoSecret(string text, string detail)
    {
        foreach (var secret in AuthorizationMatrixFixture.Secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{secret} leaked: {detail}");
        }
    }

    /// <summary>Everything a caller receives as text: the headers (decoded file names too) and the body (a workbook's XML parts unzipped).</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var text = new StringBuilder();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            text.Append(name).Append(": ").AppendJoin(", ", values.Select(Uri.UnescapeDataString)).Append('\n');
        }

        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes is [(byte)'P', (byte)'K', ..])
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                text.Append(await reader.ReadToEndAsync());
            }
        }
        else
        {
            text.Append(Encoding.UTF8.GetString(bytes));
        }

        return text.ToString();
    }
}
