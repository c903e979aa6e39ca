using System.Text;
using Assist.Domain.Organization;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;

namespace Assist.Functions.Api.Admin;

/// <summary>
/// Designated officers (驻企特派员), for administrators: one liaison officer per enterprise credit code. Assignment
/// prefers them for the enterprise's tickets when they belong to the lead department.
/// </summary>
[Tags("Administration")]
[Authorize(Policy = AssistPolicies.Administrators)]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
[RequestSizeLimit(1024 * 1024)]
public sealed class DesignatedOfficerFunctions(DirectoryStore directory)
{
    [Function("ListDesignatedOfficers")]
    [EndpointSummary("The designated officers (驻企特派员), by enterprise credit code.")]
    [Produces(StatusCodes.Status200OK, typeof(IReadOnlyList<DesignatedOfficer>))]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/designated-officers")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Ok(await directory.ListDesignatedOfficersAsync(cancellationToken));

    [Function("PutDesignatedOfficer")]
    [EndpointSummary("Designates an active liaison officer for the enterprise with this credit code, replacing any earlier one.")]
    [RequestBody(typeof(PutDesignatedOfficerRequest))]
    [Produces(StatusCodes.Status200OK, typeof(DesignatedOfficer))]
    [ProducesValidationProblem]
    public async Task<IResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/designated-officers/{creditCode}")] HttpRequest request,
        string creditCode,
        CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<PutDesignatedOfficerRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var designation = new DesignatedOfficer(creditCode.Trim(), body.Value!.OfficerId?.Trim() ?? "");
        var errors = DesignatedOfficer.Check(designation.CreditCode, designation.OfficerId, (await directory.GetAsync(cancellationToken)).Organization);
        if (errors.Count > 0)
        {
            return ApiProblems.Fields(request, errors);
        }

        try
        {
            await directory.PutDesignatedOfficerAsync(designation, cancellationToken);
        }
        catch (DesignationException refused)
        {
            // The directory changed between the check and the write (e.g. the officer was just deactivated).
            return ApiProblems.Fields(request, refused.Errors);
        }

        return Results.Ok(designation);
    }

    [Function("RemoveDesignatedOfficer")]
    [EndpointSummary("Removes the enterprise's designated officer: its tickets go to the least-loaded officer again.")]
    [Produces(StatusCodes.Status204NoContent)]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> RemoveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/admin/designated-officers/{creditCode}")] HttpRequest request,
        string creditCode,
        CancellationToken cancellationToken) =>
        await directory.RemoveDesignatedOfficerAsync(creditCode.Trim(), cancellationToken)
            ? Results.NoContent()
            : ApiProblems.NotFound(request, "The enterprise's designated officer", "该企业的驻企特派员");

    [Function("ImportDesignatedOfficers")]
    [EndpointSummary("Imports designated officers from CSV (header creditCode,officerId; other columns ignored): all rows or none; a bad row is a 400 naming its line and field.")]
    [RequestBody(typeof(string), "text/csv")]
    [Produces(StatusCodes.Status200OK, typeof(ImportDesignatedOfficersAnswer))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> ImportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/designated-officers/import")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return ApiProblems.Simple(request, StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "Send the file as text/csv.", "请以 text/csv 格式提交。");
        }

        string text;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (BadHttpRequestException exception)
        {
            return ApiJson.TooLargeOrBad(request, exception);
        }

        var read = DesignationCsv.Read(text, (await directory.GetAsync(cancellationToken)).Organization);
        if (read.Errors.Count > 0)
        {
            return ApiProblems.Fields(request, read.Errors);
        }

        try
        {
            await directory.PutDesignatedOfficersAsync(read.Designations, cancellationToken);
        }
        catch (DesignationException refused)
        {
            return ApiProblems.Fields(request, refused.Errors);
        }

        return Results.Ok(new ImportDesignatedOfficersAnswer(read.Designations.Count));
    }
}

/// <summary>How many designations an import stored.</summary>
public sealed record ImportDesignatedOfficersAnswer(int Imported);
