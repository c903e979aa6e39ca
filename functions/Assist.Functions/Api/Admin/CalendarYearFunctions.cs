using System.Globalization;
using System.Text.Json;
using Assist.Domain.Calendar;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;

namespace Assist.Functions.Api.Admin;

/// <summary>
/// Calendar years, for administrators: which years hold the official holidays and make-up workdays, and loading one.
/// Loading asks every open ticket holding a provisional deadline to recompute it, so these functions reach the ticket
/// use cases and the loading one declares a Durable client (the ticket's orchestration is woken), apart from the rest
/// of the directory's administration (<see cref="AdminFunctions"/>).
/// </summary>
[Tags("Administration")]
[Authorize(Policy = AssistPolicies.Administrators)]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
[RequestSizeLimit(1024 * 1024)]
public sealed class CalendarYearFunctions(DirectoryStore directory, TicketService tickets)
{
    [Function("ListCalendarYears")]
    [EndpointSummary("The calendar years: which have the official holidays and make-up workdays, which are provisional (Monday–Friday stands in), shipped or loaded.")]
    [Produces(StatusCodes.Status200OK, typeof(IReadOnlyList<CalendarYearStatus>))]
    public async Task<IResult> ListCalendarYearsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/calendar-years")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Ok(await directory.ListCalendarYearsAsync(cancellationToken));

    [Function("PutCalendarYear")]
    [EndpointSummary("Loads a year's official calendar (holiday-cn JSON): deadlines computed from then on follow it, and every open ticket holding a provisional deadline is asked to recompute it (a moved resolution deadline goes on the ticket's timeline and the enterprise's tracking); answers how many were asked and how many changed.")]
    [RequestBody(typeof(JsonElement))]
    [Produces(StatusCodes.Status200OK, typeof(CalendarYearLoaded))]
    [ProducesValidationProblem]
    public async Task<IResult> PutCalendarYearAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/calendar-years/{year:int}")] HttpRequest request,
        int year,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<JsonDocument>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        using var document = body.Value!;
        if (year is < 2000 or > 2100)
        {
            return ApiProblems.Field(request, "year", "year.range", "The year must be between 2000 and 2100.", "年份须在2000至2100之间。");
        }

        try
        {
            await directory.PutCalendarYearAsync(year, document.RootElement.GetRawText(), cancellationToken);
        }
        catch (CalendarDataException exception)
        {
            return ApiProblems.Field(request, "body", "calendar.invalid",
                string.Create(CultureInfo.InvariantCulture, $"Not a valid calendar for {year}: {exception.Message}"),
                string.Create(CultureInfo.InvariantCulture, $"不是有效的{year}年日历：{exception.MessageZh}"));
        }

        // After the year is stored, in this instance (whose directory cache now holds it).
        var report = await tickets.RecomputeProvisionalDeadlinesAsync(cancellationToken);
        return Results.Ok(new CalendarYearLoaded(year, report.Asked, report.Recomputed));
    }
}
