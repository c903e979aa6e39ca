using System.Globalization;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Security;
using Assist.Storage.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;

namespace Assist.Functions.Api.Admin;

/// <summary>
/// Webhook receivers, for administrators: where notifications are posted (signed), which kinds, on or off; the
/// secret is shown once, when created or rotated; a test delivery and each receiver's delivery log.
/// </summary>
[Tags("Administration")]
[Authorize(Policy = AssistPolicies.Administrators)]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
[RequestSizeLimit(64 * 1024)]
public sealed class WebhookFunctions(WebhookStore webhooks, WebhookOutbox outbox, IHostEnvironment environment)
{
    [Function("ListWebhooks")]
    [EndpointSummary("The webhook receivers (each secret only as a hint of its last characters).")]
    [Produces(StatusCodes.Status200OK, typeof(IReadOnlyList<WebhookSubscription>))]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/webhooks")] HttpRequest request, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(await webhooks.ListAsync(cancellationToken));
    }

    [Function("CreateWebhook")]
    [EndpointSummary("Adds a webhook receiver; the answer carries its signing secret, which is never shown again.")]
    [RequestBody(typeof(WebhookRequest))]
    [Produces(StatusCodes.Status201Created, typeof(WebhookSecretIssued))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status409Conflict)]
    public async Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/webhooks")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<WebhookRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var (checks, change) = WebhookChecks.Receiver(body.Value!, environment.IsDevelopment());
        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        if (await webhooks.CreateAsync(change!, cancellationToken) is not { } issued)
        {
            return ApiProblems.Simple(request, StatusCodes.Status409Conflict, ProblemTypes.Prefix + "webhooks-full",
                $"There are already {WebhookStore.MaxSubscriptions} receivers; remove one first.", $"接收端已达{WebhookStore.MaxSubscriptions}个上限，请先删除一个。");
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Created($"/api/admin/webhooks/{issued.Subscription.Id}", issued);
    }

    [Function("UpdateWebhook")]
    [EndpointSummary("Changes a receiver's name, URL, notification kinds and switch (its secret stays).")]
    [RequestBody(typeof(WebhookRequest))]
    [Produces(StatusCodes.Status200OK, typeof(WebhookSubscription))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/webhooks/{webhookId}")] HttpRequest request,
        string webhookId,
        CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<WebhookRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var (checks, change) = WebhookChecks.Receiver(body.Value!, environment.IsDevelopment());
        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        return await webhooks.UpdateAsync(webhookId, change!, cancellationToken) is { } updated
            ? Results.Ok(updated)
            : NotFound(request);
    }

    [Function("DeleteWebhook")]
    [EndpointSummary("Removes a receiver and its delivery log; its deliveries still being retried stop.")]
    [Produces(StatusCodes.Status204NoContent)]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/admin/webhooks/{webhookId}")] HttpRequest request,
        string webhookId,
        CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(webhookId, cancellationToken) ? Results.NoContent() : NotFound(request);

    [Function("RotateWebhookSecret")]
    [EndpointSummary("Issues a new signing secret for a receiver; the answer is the only place it is shown.")]
    [Produces(StatusCodes.Status200OK, typeof(WebhookSecretIssued))]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> RotateSecretAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/webhooks/{webhookId}/secret")] HttpRequest request,
        string webhookId,
        CancellationToken cancellationToken)
    {
        if (await webhooks.RotateSecretAsync(webhookId, cancellationToken) is not { } issued)
        {
            return NotFound(request);
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(issued);
    }

    /// <summary>Declares a Durable client: the test delivery is an orchestration, and under the Functions host the worker learns its task hub from such a function.</summary>
    [Function("SendWebhookTest")]
    [EndpointSummary("Sends a signed test delivery to a receiver (on or off); its outcome shows in the delivery log.")]
    [Produces(StatusCodes.Status202Accepted, typeof(WebhookTestSent))]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> SendTestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/webhooks/{webhookId}/test")] HttpRequest request,
        string webhookId,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        await outbox.SendTestAsync(webhookId, cancellationToken) is { } deliveryId
            ? Results.Accepted($"/api/admin/webhooks/{webhookId}/deliveries", new WebhookTestSent(deliveryId))
            : NotFound(request);

    [Function("ListWebhookDeliveries")]
    [EndpointSummary("A receiver's delivery log, newest first: each delivery's status, attempts and last error.")]
    [Produces(StatusCodes.Status200OK, typeof(WebhookDeliveryPage))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    [QueryParameter("pageSize", "Deliveries per page, 1 to 100 (20 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public async Task<IResult> ListDeliveriesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/webhooks/{webhookId}/deliveries")] HttpRequest request,
        string webhookId,
        CancellationToken cancellationToken)
    {
        var sizeText = request.Query["pageSize"].ToString();
        var size = 20;
        if (sizeText.Length > 0 && !(int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= WebhookStore.MaxPageSize))
        {
            return ApiProblems.Field(request, "pageSize", "invalid-query", $"pageSize is 1 to {WebhookStore.MaxPageSize}.", $"每页条数应为 1 至 {WebhookStore.MaxPageSize}。");
        }

        if (await webhooks.GetAsync(webhookId, cancellationToken) is null)
        {
            return NotFound(request);
        }

        var continuationToken = request.Query["continuationToken"].ToString();
        try
        {
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return Results.Ok(await webhooks.ListDeliveriesAsync(webhookId, size, continuationToken.Length == 0 ? null : continuationToken, cancellationToken));
        }
        catch (ArgumentException)
        {
            return ApiProblems.Field(request, "continuationToken", "invalid-query", "The continuation token is not one this list issued.", "翻页标记无效，请从第一页重新查询。");
        }
    }

    private static IResult NotFound(HttpRequest request) => ApiProblems.NotFound(request, "The webhook receiver", "该接收端");
}
