using System.Text.Json;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Validation;
using Assist.Functions.Api.Admin;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Webhooks;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Components.Manage;

/// <summary>
/// The directory as data, for administrators: departments, users and roles, topics, routing rules, SLA policies and
/// the escalation ladder, calendar years (upload a year's JSON; deadlines computed afterwards use it, and open tickets'
/// provisional deadlines are recomputed at once, the page saying how many), the score weights, designated officers (驻企特派员, a CSV upload), and webhook receivers (add, change, send a test,
/// rotate the secret, remove; each with its latest deliveries). The same checks and store calls as the admin API. Each form posts to
/// <c>/manage?handler=…</c>; a change that goes through redirects back with <c>?saved=1</c> (post-redirect-get), except
/// adding a receiver or rotating its secret: that answer shows the secret, once, and is not stored anywhere to redirect to.
/// </summary>
[Authorize(Policy = AssistPolicies.Administrators)]
[ExcludeFromDescription]
public sealed class ManageFunctions(
    DirectoryStore directory,
    TicketService tickets,
    WebhookStore webhooks,
    WebhookOutbox outbox,
    IHostEnvironment environment,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private const long MaxCalendarFile = 512 * 1024;
    private const long MaxDesignationFile = 1000 * 1024;

    /// <summary>How many of each receiver's latest deliveries the page shows (the API pages through all of them).</summary>
    private const int RecentDeliveries = 5;

    // The API's JSON settings; strict (like the admin API) so no half-built rule or policy is stored.
    private readonly JsonSerializerOptions _strict = new(json.Value.SerializerOptions) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };
    private readonly JsonSerializerOptions _indented = new(json.Value.SerializerOptions) { WriteIndented = true };

    /// <summary>Declares a Durable client: a calendar year wakes tickets, and a test delivery is an orchestration.</summary>
    [Function("ManagePage")]
    [RequestSizeLimit(1024 * 1024)]
    public async Task<IResult> ManageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "manage")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        if (HttpMethods.IsGet(request.Method))
        {
            return await RenderAsync(page, cancellationToken, done: request.Query.ContainsKey("saved") ? Saved(request.Query) : null);
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return PageResults.BadRequest(page);
        }

        if (request.Query["handler"].ToString() == "Calendar")
        {
            var (loaded, refused) = await CalendarAsync(form, cancellationToken);
            if (loaded is { } done)
            {
                return Results.Redirect(FormattableString.Invariant($"/manage?saved=1&calendar={done.Year}&asked={done.TicketsAsked}&recomputed={done.TicketsRecomputed}"));
            }

            return await RenderAsync(page, cancellationToken, problem: refused!.Problem, status: StatusCodes.Status400BadRequest);
        }

        var handler = request.Query["handler"].ToString();
        if (handler is "Webhook" or "WebhookRotate")
        {
            var (issued, changed, refusedHook) = await WebhookAsync(form, rotate: handler == "WebhookRotate", cancellationToken);
            if (issued is not null)
            {
                return await RenderAsync(page, cancellationToken, done: UiText.AdminWebhookSecretShown(issued.Subscription.Name), secret: issued.Secret);
            }

            return changed
                ? Results.Redirect("/manage?saved=1#webhooks")
                : await RenderAsync(page, cancellationToken, problem: refusedHook!.Problem ?? string.Join(" ", (refusedHook.Errors ?? ValidationErrors.None).Errors.Select(UiText.Pick)), status: refusedHook.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
        }

        if (handler == "WebhookTest")
        {
            return await outbox.SendTestAsync(form.Value("id") ?? "", cancellationToken) is not null
                ? Results.Redirect("/manage?saved=1&webhook=test#webhooks")
                : await RenderAsync(page, cancellationToken, problem: UiText.AdminWebhookNotFound, status: StatusCodes.Status404NotFound);
        }

        var refusal = request.Query["handler"].ToString() switch
        {
            "WebhookDelete" => await webhooks.DeleteAsync(form.Value("id") ?? "", cancellationToken) ? null : new Refusal(null, UiText.AdminWebhookNotFound),
            "Department" => await DepartmentAsync(form, cancellationToken),
            "User" => await UserAsync(form, cancellationToken),
            "Topic" => await TopicAsync(form, cancellationToken),
            "Routing" => await RoutingAsync(form, cancellationToken),
            "Policies" => await PoliciesAsync(form, cancellationToken),
            "Designated" => await DesignatedAsync(form, cancellationToken),
            _ => new Refusal(null, Unknown: true),
        };
        if (refusal is null)
        {
            return Results.Redirect("/manage?saved=1");
        }

        return refusal.Unknown
            ? PageResults.Error(page, StatusCodes.Status404NotFound)
            : await RenderAsync(page, cancellationToken, problem: refusal.Problem ?? string.Join(" ", (refusal.Errors ?? ValidationErrors.None).Errors.Select(UiText.Pick)), status: StatusCodes.Status400BadRequest);
    }

    private async Task<Refusal?> DepartmentAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var (id, name) = (form.Value("id"), form.Value("name"));
        var body = new UpsertDepartmentRequest(name, Checked(form, "isHqOffice"), Checked(form, "active"));
        var checks = AdminChecks.Department(id ?? "", body);
        if (!checks.Errors.IsEmpty)
        {
            return new Refusal(checks.Errors);
        }

        await directory.UpsertDepartmentAsync(new Department(id!, name!.Trim(), Checked(form, "isHqOffice"), Checked(form, "active")), cancellationToken);
        return null;
    }

    private async Task<Refusal?> UserAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var (id, name, departmentId) = (form.Value("id"), form.Value("name"), form.Value("departmentId"));
        // Roles the form offers only; a value that is not a role is dropped, as model binding dropped it.
        List<StaffRole> roles = [.. form["roles"].Select(r => Enum.TryParse<StaffRole>(r, ignoreCase: true, out var role) ? role : (StaffRole?)null).OfType<StaffRole>()];
        var body = new UpsertUserRequest(name, string.IsNullOrWhiteSpace(departmentId) ? null : departmentId, roles, Checked(form, "active"));
        var checks = AdminChecks.User(id ?? "", body, (await directory.GetAsync(cancellationToken)).Organization);
        if (!checks.Errors.IsEmpty)
        {
            return new Refusal(checks.Errors);
        }

        await directory.UpsertUserAsync(new StaffUser(id!, name!.Trim(), body.DepartmentId, roles.Distinct().ToValueList(), Checked(form, "active")), cancellationToken);
        return null;
    }

    private async Task<Refusal?> TopicAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var (code, nameZh, nameEn) = (form.Value("code"), form.Value("nameZh"), form.Value("nameEn"));
        var body = new UpsertTopicRequest(nameZh, nameEn, Checked(form, "active"));
        var checks = AdminChecks.Topic(code ?? "", body);
        if (!checks.Errors.IsEmpty)
        {
            return new Refusal(checks.Errors);
        }

        await directory.UpsertTopicAsync(new TopicDefinition(code!, nameZh!.Trim(), nameEn!.Trim(), Checked(form, "active")), cancellationToken);
        return null;
    }

    private async Task<Refusal?> RoutingAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        if (Parse<List<RoutingRule>>(form.Value("json")) is not { } rules)
        {
            return new Refusal(null, UiText.AdminJsonInvalid);
        }

        var checks = AdminChecks.RoutingRules(rules, (await directory.GetAsync(cancellationToken)).Organization);
        if (!checks.Errors.IsEmpty)
        {
            return new Refusal(checks.Errors);
        }

        await directory.PutRoutingRulesAsync([.. rules.Select(r => r with { CoHandlerDepartmentIds = r.CoHandlerDepartmentIds ?? ValueList.Empty<string>() })], cancellationToken);
        return null;
    }

    private async Task<Refusal?> PoliciesAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        if (Parse<TicketPolicies>(form.Value("json")) is not { } policies)
        {
            return new Refusal(null, UiText.AdminJsonInvalid);
        }

        var checks = AdminChecks.Policies(policies);
        if (!checks.Errors.IsEmpty)
        {
            return new Refusal(checks.Errors);
        }

        await directory.PutPoliciesAsync(policies, cancellationToken);
        return null;
    }

    /// <summary>
    /// Adds a receiver (no id), changes one, or rotates its secret: the secret issued (to show once), or whether a
    /// change went through, or why not (the admin API's checks).
    /// </summary>
    private async Task<(WebhookSecretIssued? Issued, bool Changed, Refusal? Refusal)> WebhookAsync(IFormCollection form, bool rotate, CancellationToken cancellationToken)
    {
        var id = form.Value("id");
        if (rotate)
        {
            return await webhooks.RotateSecretAsync(id ?? "", cancellationToken) is { } rotated
                ? (rotated, true, null)
                : (null, false, new Refusal(null, UiText.AdminWebhookNotFound, Unknown: true));
        }

        var (checks, change) = WebhookChecks.Receiver(new WebhookRequest(form.Value("name"), form.Value("url"), [.. form["events"].OfType<string>()], Checked(form, "active")), environment.IsDevelopment());
        if (change is null)
        {
            return (null, false, new Refusal(checks.Errors));
        }

        if (string.IsNullOrEmpty(id))
        {
            return await webhooks.CreateAsync(change, cancellationToken) is { } created
                ? (created, true, null)
                : (null, false, new Refusal(null, UiText.AdminWebhooksFull(WebhookStore.MaxSubscriptions)));
        }

        return await webhooks.UpdateAsync(id, change, cancellationToken) is not null
            ? (null, true, null)
            : (null, false, new Refusal(null, UiText.AdminWebhookNotFound, Unknown: true));
    }

    /// <summary>"Saved", or after a calendar year what loading it did to open tickets (numbers from the redirect; shown, never trusted).</summary>
    private static string Saved(IQueryCollection query) =>
        query["webhook"] == "test" ? UiText.AdminWebhookTestSent
        : int.TryParse(query["calendar"], out var year) && int.TryParse(query["asked"], out var asked) && int.TryParse(query["recomputed"], out var recomputed)
            ? UiText.AdminCalendarLoaded(year, asked, recomputed)
            : UiText.Done;

    /// <summary>Stores the year, then asks open tickets holding a provisional deadline to recompute, as the admin API does.</summary>
    private async Task<(CalendarYearLoaded? Loaded, Refusal? Refusal)> CalendarAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var file = form.Files.GetFile("file");
        if (!int.TryParse(form.Value("year"), out var year) || year is < 2000 or > 2100 || file is null || file.Length is 0 or > MaxCalendarFile)
        {
            return (null, new Refusal(null, UiText.AdminCalendarMissing));
        }

        using var reader = new StreamReader(file.OpenReadStream());
        var text = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            await directory.PutCalendarYearAsync(year, text, cancellationToken);
        }
        catch (CalendarDataException exception)
        {
            return (null, new Refusal(null, UiText.AdminCalendarInvalid(year, UiText.Pick(exception.MessageZh, exception.Message))));
        }

        var report = await tickets.RecomputeProvisionalDeadlinesAsync(cancellationToken);
        return (new CalendarYearLoaded(year, report.Asked, report.Recomputed), null);
    }

    /// <summary>A CSV of designated officers (驻企特派员), the admin API's import: every line checked, all stored or none.</summary>
    private async Task<Refusal?> DesignatedAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var file = form.Files.GetFile("file");
        if (file is null || file.Length is 0 or > MaxDesignationFile)
        {
            return new Refusal(null, UiText.AdminDesignatedMissing);
        }

        using var reader = new StreamReader(file.OpenReadStream());
        var text = await reader.ReadToEndAsync(cancellationToken);
        var read = DesignationCsv.Read(text, (await directory.GetAsync(cancellationToken)).Organization);
        if (read.Errors.Count > 0)
        {
            return new Refusal(new ValidationErrors(read.Errors.ToValueList()));
        }

        try
        {
            await directory.PutDesignatedOfficersAsync(read.Designations, cancellationToken);
        }
        catch (DesignationException refused)
        {
            return new Refusal(new ValidationErrors(refused.Errors.ToValueList()));
        }

        return null;
    }

    private async Task<IResult> RenderAsync(PageContext page, CancellationToken cancellationToken, string? done = null, string? problem = null, int status = StatusCodes.Status200OK, string? secret = null)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        var years = await directory.ListCalendarYearsAsync(cancellationToken);
        var receivers = new List<(WebhookSubscription, IReadOnlyList<WebhookDeliveryRecord>)>();
        foreach (var receiver in await webhooks.ListAsync(cancellationToken))
        {
            receivers.Add((receiver, (await webhooks.ListDeliveriesAsync(receiver.Id, RecentDeliveries, cancellationToken: cancellationToken)).Items));
        }

        return PageResults.Render<ManageDirectory>(page, new
        {
            Snapshot = snapshot,
            CalendarYears = years,
            RoutingJson = JsonSerializer.Serialize(snapshot.Routing.Rules, _indented),
            PoliciesJson = JsonSerializer.Serialize(snapshot.Policies, _indented),
            Done = done,
            Problem = problem,
            Webhooks = receivers,
            Secret = secret,
        }, status);
    }

    private T? Parse<T>(string? text)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, _strict);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A checkbox posts its value ("true") only when ticked.</summary>
    private static bool Checked(IFormCollection form, string name) => bool.TryParse(form.Value(name), out var value) && value;

    /// <summary>Why a change was not made: the checks' errors, or a problem already in the page's language.</summary>
    private sealed record Refusal(ValidationErrors? Errors, string? Problem = null, bool Unknown = false);
}
