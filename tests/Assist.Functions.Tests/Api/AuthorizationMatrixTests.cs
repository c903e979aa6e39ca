using System.Net;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// Every endpoint × every caller: anonymous → 401, a signed-in stranger (not in the directory) → 403, a role the
/// endpoint does not admit → 403, an admitted role → anything but 401/403 (the workflow may still say 409 or 400);
/// the enterprise endpoints: the right tracking code is admitted, a wrong one is 404, none is 401.
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
        ["RevealMobile"] = ("POST", "/api/staff/tickets/{n}/reveal-mobile", null, [Officer, Head]),
        ["RouteTicket"] = ("POST", "/api/staff/tickets/{n}/route", """{"leadDepartmentId":"finance"}""", [Supervisor, Leader, Admin]),
        ["AssignOfficer"] = ("POST", "/api/staff/tickets/{n}/assignment", "{}", [Head, Supervisor]),
        ["ReassignOfficer"] = ("POST", "/api/staff/tickets/{n}/reassignment", """{"officerId":"officer.finance.2","reason":"调整"}""", [Head, Supervisor]),
        ["CheckInTicket"] = ("POST", "/api/staff/tickets/{n}/check-in", "{}", [Officer, Head]),
        ["RecordContact"] = ("POST", "/api/staff/tickets/{n}/contacts", """{"note":"电话联系"}""", [Officer, Head]),
        ["RecordProgress"] = ("POST", "/api/staff/tickets/{n}/progress", """{"note":"已转银行"}""", [Officer, Head]),
        ["RequestInformation"] = ("POST", "/api/staff/tickets/{n}/information-requests", """{"question":"请补充财报"}""", [Officer, Head]),
        ["ReplyToTicket"] = ("POST", "/api/staff/tickets/{n}/reply", """{"answer":"已办理","resolved":true}""", [Officer, Head]),
        ["RequestExtension"] = ("POST", "/api/staff/tickets/{n}/extension-request", """{"workingDays":2,"reason":"需审批"}""", [Officer, Head]),
        ["DecideExtension"] = ("POST", "/api/staff/tickets/{n}/extension-decision", """{"approve":false,"note":"不同意"}""", [Supervisor]),
        ["ReturnTicket"] = ("POST", "/api/staff/tickets/{n}/return", """{"reason":"非本部门职责"}""", [Officer, Head]),
        ["DecideReturn"] = ("POST", "/api/staff/tickets/{n}/return-decision", """{"accept":false,"note":"退单不成立"}""", [Supervisor]),
        ["EscalateTicket"] = ("POST", "/api/staff/tickets/{n}/escalation", """{"note":"重大问题"}""", [Supervisor, Leader]),
        ["IssueSupervisionOrder"] = ("POST", "/api/staff/tickets/{n}/supervision-orders", """{"instructions":"尽快办理","workingDays":2}""", [Supervisor]),
        ["ListMyTickets"] = ("GET", "/api/staff/desk", null, [Officer, Head]),
        ["ListDepartmentQueue"] = ("GET", "/api/staff/departments/finance/queue", null, [Head, Supervisor, Leader]),
        ["ListOverdue"] = ("GET", "/api/staff/overdue", null, [Supervisor, Leader]),
        ["ListNotifications"] = ("GET", "/api/staff/notifications", null, AllStaff),
        ["MarkNotificationRead"] = ("POST", "/api/staff/notifications/none/read", null, AllStaff),
        ["ListDirectory"] = ("GET", "/api/admin/directory", null, [Admin]),
        ["UpsertDepartment"] = ("PUT", "/api/admin/departments/matrix-test", """{"name":"矩阵测试部门"}""", [Admin]),
        ["UpsertUser"] = ("PUT", "/api/admin/users/matrix.user", """{"name":"测试用户","departmentId":"matrix-test","roles":["LiaisonOfficer"],"active":false}""", [Admin]),
        ["UpsertTopic"] = ("PUT", "/api/admin/topics/MATRIX", """{"nameZh":"测试","nameEn":"Test","active":false}""", [Admin]),
        ["PutRoutingRules"] = ("PUT", "/api/admin/routing-rules", """[{"id":""}]""", [Admin]),
        ["PutPolicies"] = ("PUT", "/api/admin/policies", "{}", [Admin]),
        ["PutCalendarYear"] = ("PUT", "/api/admin/calendar-years/2027", """{"year":2026,"days":[]}""", [Admin]),
        ["RebuildProjections"] = ("POST", "/api/admin/projections/rebuild", null, [Admin]),
        ["GetDispatchStatus"] = ("GET", "/api/admin/dispatch", null, [Admin]),
    };

    public static IEnumerable<object[]> Cases() =>
        from endpoint in Endpoints.Keys.Order(StringComparer.Ordinal)
        from caller in Endpoints[endpoint].Roles is null
            ? AllStaff.Concat(["anonymous", "unknown", "enterprise", "enterprise-wrong-code"])
            : AllStaff.Concat(["anonymous", "unknown", "enterprise"])
        select new object[] { endpoint, caller };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Call_EndpointAsCaller_IsAdmittedOnlyForItsRoles(string operationId, string caller)
    {
        var (method, template, body, roles) = Endpoints[operationId];
        var path = template.Replace("{n}", fixture.Number, StringComparison.Ordinal).Replace("{a}", fixture.AttachmentId, StringComparison.Ordinal);
        var client = caller.StartsWith("enterprise", StringComparison.Ordinal) ? fixture.Callers["anonymous"] : fixture.Callers[caller];
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = ApiHarness.Json(body);
        }

        if (path.StartsWith("/api/staff/tickets/", StringComparison.Ordinal) && method == "POST")
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{await fixture.Api.VersionAsync(fixture.Number)}\"");
        }

        if (caller == "enterprise")
        {
            request.Headers.Add("X-Tracking-Code", fixture.TrackingCode);
        }
        else if (caller == "enterprise-wrong-code")
        {
            request.Headers.Add("X-Tracking-Code", "WRONGWRONGWRONGWRONGWRONGWRONG22");
        }

        using var response = await client.SendAsync(request);
        var status = response.StatusCode;
        var detail = $"{operationId} as {caller}: {(int)status} {await response.Content.ReadAsStringAsync()}";

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
}
