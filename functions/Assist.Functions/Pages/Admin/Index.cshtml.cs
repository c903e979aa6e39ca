using System.Text.Json;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Validation;
using Assist.Functions.Api.Admin;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Pages.Admin;

/// <summary>
/// The directory as data, for administrators: departments, users and roles, topics, routing rules, SLA policies and
/// the escalation ladder, calendar years (upload a year's JSON; open provisional deadlines are then recomputed by
/// the engine), and the score weights. The same checks and store calls as the admin API.
/// </summary>
[Authorize(Policy = AssistPolicies.Administrators)]
[RequestSizeLimit(1024 * 1024)]
public sealed class IndexModel(DirectoryStore directory, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    // The API's JSON settings; strict (like the admin API) so no half-built rule or policy is stored.
    private readonly JsonSerializerOptions _strict = new(json.Value.SerializerOptions) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };
    private readonly JsonSerializerOptions _indented = new(json.Value.SerializerOptions) { WriteIndented = true };

    public DirectorySnapshot Snapshot { get; private set; } = null!;

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public ValidationErrors Errors { get; private set; } = ValidationErrors.None;

    public string RoutingJson { get; private set; } = "";

    public string PoliciesJson { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Done = TempData["done"] as string;
    }

    public async Task<IActionResult> OnPostDepartmentAsync(string? id, string? name, bool isHqOffice, bool active, CancellationToken cancellationToken)
    {
        var body = new UpsertDepartmentRequest(name, isHqOffice, active);
        var checks = AdminChecks.Department(id ?? "", body);
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(checks.Errors, cancellationToken);
        }

        await directory.UpsertDepartmentAsync(new Department(id!, name!.Trim(), isHqOffice, active), cancellationToken);
        return Saved();
    }

    public async Task<IActionResult> OnPostUserAsync(string? id, string? name, string? departmentId, List<StaffRole>? roles, bool active, CancellationToken cancellationToken)
    {
        var body = new UpsertUserRequest(name, string.IsNullOrWhiteSpace(departmentId) ? null : departmentId, roles, active);
        var checks = AdminChecks.User(id ?? "", body, (await directory.GetAsync(cancellationToken)).Organization);
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(checks.Errors, cancellationToken);
        }

        await directory.UpsertUserAsync(new StaffUser(id!, name!.Trim(), body.DepartmentId, (roles ?? []).Distinct().ToValueList(), active), cancellationToken);
        return Saved();
    }

    public async Task<IActionResult> OnPostTopicAsync(string? code, string? nameZh, string? nameEn, bool active, CancellationToken cancellationToken)
    {
        var body = new UpsertTopicRequest(nameZh, nameEn, active);
        var checks = AdminChecks.Topic(code ?? "", body);
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(checks.Errors, cancellationToken);
        }

        await directory.UpsertTopicAsync(new TopicDefinition(code!, nameZh!.Trim(), nameEn!.Trim(), active), cancellationToken);
        return Saved();
    }

    public async Task<IActionResult> OnPostRoutingAsync(string? json, CancellationToken cancellationToken)
    {
        var rules = Parse<List<RoutingRule>>(json);
        if (rules is null)
        {
            return await RefusedAsync(null, cancellationToken, UiText.AdminJsonInvalid);
        }

        var checks = AdminChecks.RoutingRules(rules, (await directory.GetAsync(cancellationToken)).Organization);
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(checks.Errors, cancellationToken);
        }

        await directory.PutRoutingRulesAsync([.. rules.Select(r => r with { CoHandlerDepartmentIds = r.CoHandlerDepartmentIds ?? ValueList.Empty<string>() })], cancellationToken);
        return Saved();
    }

    public async Task<IActionResult> OnPostPoliciesAsync(string? json, CancellationToken cancellationToken)
    {
        var policies = Parse<TicketPolicies>(json);
        if (policies is null)
        {
            return await RefusedAsync(null, cancellationToken, UiText.AdminJsonInvalid);
        }

        var checks = AdminChecks.Policies(policies);
        if (!checks.Errors.IsEmpty)
        {
            return await RefusedAsync(checks.Errors, cancellationToken);
        }

        await directory.PutPoliciesAsync(policies, cancellationToken);
        return Saved();
    }

    public async Task<IActionResult> OnPostCalendarAsync(int? year, IFormFile? file, CancellationToken cancellationToken)
    {
        if (year is not (>= 2000 and <= 2100) || file is null || file.Length is 0 or > 512 * 1024)
        {
            return await RefusedAsync(null, cancellationToken, UiText.AdminCalendarMissing);
        }

        using var reader = new StreamReader(file.OpenReadStream());
        var json = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            await directory.PutCalendarYearAsync(year.Value, json, cancellationToken);
        }
        catch (CalendarDataException exception)
        {
            return await RefusedAsync(null, cancellationToken, UiText.AdminCalendarInvalid(year.Value, UiText.Pick(exception.MessageZh, exception.Message)));
        }

        return Saved();
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

    private RedirectToPageResult Saved()
    {
        TempData["done"] = UiText.Done;
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync(ValidationErrors? errors, CancellationToken cancellationToken, string? problem = null)
    {
        Errors = errors ?? ValidationErrors.None;
        Problem = problem ?? string.Join(" ", Errors.Errors.Select(UiText.Pick));
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Snapshot = await directory.GetAsync(cancellationToken);
        RoutingJson = JsonSerializer.Serialize(Snapshot.Routing.Rules, _indented);
        PoliciesJson = JsonSerializer.Serialize(Snapshot.Policies, _indented);
    }
}
