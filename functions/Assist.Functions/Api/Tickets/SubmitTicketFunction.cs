using Assist.Domain.Tickets;
using Assist.Functions.Api.OpenApi;
using Assist.Storage.Attachments;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// <c>POST /api/tickets</c>: the public form, as JSON or multipart/form-data with files. Answers 201 with the
/// number and the tracking code (shown once). With an <c>Idempotency-Key</c> a retry answers the same number and
/// code: the code is kept, protected with Data Protection, as the engine's idempotency payload.
/// </summary>
[Tags("Enterprise")]
[AllowAnonymous]
public sealed class SubmitTicketFunction(TicketSubmitter submitter, MultipartUpload uploads, IOptions<AttachmentOptions> attachments)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 200;

    /// <summary>Room for the form fields and multipart framing on top of the files.</summary>
    private const long FormOverhead = 1024 * 1024;

    [Function("SubmitTicket")]
    [EndpointSummary("Submits the enterprise form (JSON, or multipart/form-data with files in 'attachments').")]
    [RequestBody(typeof(SubmitTicketRequest), "application/json", "multipart/form-data")]
    [Produces(StatusCodes.Status201Created, typeof(SubmittedTicket))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status409Conflict)]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge)]
    [ProducesProblem(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesProblem(StatusCodes.Status429TooManyRequests)]
    [EnableRateLimiting(ApiRateLimits.Submit)]
    public async Task<IResult> SubmitTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tickets")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        // The body may hold every file the options allow: a limit from settings, so no attribute can declare it. Set
        // before anything reads the body (it is read-only after); a larger body is refused with 413 as it is read.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            var caps = attachments.Value;
            limit.MaxRequestBodySize = (caps.MaxBytes * caps.MaxFiles) + FormOverhead;
        }

        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength)
        {
            return ApiProblems.Field(request, IdempotencyKeyHeader, "idempotency-key.too-long", $"Idempotency-Key may be at most {MaxIdempotencyKeyLength} characters.", $"Idempotency-Key 最多{MaxIdempotencyKeyLength}个字符。");
        }

        SubmitTicketRequest form;
        IReadOnlyList<AttachmentRef> files = [];
        if (MultipartUpload.IsMultipart(request))
        {
            var content = await uploads.ReadAsync(request, cancellationToken);
            if (content.Problem is { } refused)
            {
                return refused;
            }

            files = content.Files;
            var (parsed, problem) = FromFields(request, content.Fields);
            if (problem is not null)
            {
                await uploads.DiscardAsync(files);
                return problem;
            }

            form = parsed!;
        }
        else
        {
            var body = await ApiJson.ReadAsync<SubmitTicketRequest>(request, cancellationToken);
            if (body.Problem is { } problem)
            {
                return problem;
            }

            form = body.Value!;
        }

        return await submitter.SubmitAsync(form, files, key, cancellationToken) switch
        {
            SubmitOutcome.Accepted accepted => Created(request, accepted.Ticket, accepted.TrackingCode),
            SubmitOutcome.Refused refused => ApiProblems.Rejected(request, refused.Rejection),
            SubmitOutcome.KeyReused reused => ApiProblems.Simple(request, StatusCodes.Status409Conflict, ProblemTypes.Prefix + "idempotency-key-reused",
                $"This Idempotency-Key already created ticket {reused.Ticket.Number}; its tracking code cannot be shown again.",
                $"该 Idempotency-Key 已创建工单 {reused.Ticket.Number}，查询码无法再次显示。"),
            SubmitOutcome.KeyMismatch => ApiProblems.Field(request, IdempotencyKeyHeader, "idempotency-key.different-body",
                "This Idempotency-Key was already used with a different request body; nothing was created. Send a new key for a new submission.",
                "该 Idempotency-Key 已用于内容不同的另一次提交，本次未创建工单。提交新的诉求请使用新的 Idempotency-Key。",
                StatusCodes.Status422UnprocessableEntity),
            var other => throw new InvalidOperationException($"Unexpected submit outcome {other.GetType().Name}."),
        };
    }

    private static IResult Created(HttpRequest request, TicketRecord ticket, string code)
    {
        TicketVersions.SetETag(request.HttpContext.Response, ticket.Version);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Created($"/api/tickets/{Uri.EscapeDataString(ticket.Number)}", TicketViewMapper.Submitted(ticket, code));
    }

    private static (SubmitTicketRequest? Form, IResult? Problem) FromFields(HttpRequest request, IReadOnlyDictionary<string, string> fields)
    {
        var checks = new RequestChecks();
        bool? Flag(string name)
        {
            if (!fields.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            switch (text.Trim().ToUpperInvariant())
            {
                case "TRUE" or "ON" or "1" or "YES":
                    return true;
                case "FALSE" or "OFF" or "0" or "NO":
                    return false;
                default:
                    checks.Add(name, name + ".boolean", $"'{name}' must be true or false.", $"“{name}”须为 true 或 false。");
                    return null;
            }
        }

        string? Text(string name) => fields.TryGetValue(name, out var value) ? value : null;
        var form = new SubmitTicketRequest(
            Text("enterpriseName"), Text("creditCode"), Text("district"), Text("industry"), Text("size"), Text("tier"),
            Text("contactName"), Text("mobile"), Text("type"), Text("topic"), Flag("urgent"), Text("title"), Text("description"),
            Flag("confidential"), Flag("consentGiven"));
        return checks.Problem(request) is { } problem ? (null, problem) : (form, null);
    }
}
