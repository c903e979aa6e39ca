using System.Text.Json;

namespace Assist.Functions.Triggers;

/// <summary>Maps <c>POST /{FunctionName}</c> for every timer function the manifest declares.</summary>
public static class TimerTriggerEndpoints
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    /// <summary>The host reads PascalCase property names (<c>Outputs</c>, <c>Logs</c>, <c>ReturnValue</c>).</summary>
    private static readonly JsonSerializerOptions HostJson = new(JsonSerializerDefaults.General);

    public static IEndpointRouteBuilder MapTimerTriggers(this IEndpointRouteBuilder endpoints, FunctionManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var function in manifest.Timers)
        {
            var name = function.Name;
            var binding = function.Trigger!.Name;
            endpoints.MapPost("/" + name, (HttpContext http, TimerDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken) =>
                    InvokeAsync(http, name, binding, dispatcher, time, cancellationToken))
                .AddEndpointFilter<HostCallerFilter>()
                .WithName("Trigger" + name)
                .ExcludeFromDescription()
                .DisableAntiforgery();
        }

        return endpoints;
    }

    private static async Task<IResult> InvokeAsync(HttpContext http, string name, string binding, TimerDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken)
    {
        InvocationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException exception)
        {
            return Results.Problem(
                title: "The invocation payload is not valid JSON.",
                detail: exception.Message,
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["Expected {\"Data\":…,\"Metadata\":…}."] } });
        }

        if (request is null)
        {
            return Results.Problem(title: "The invocation payload is empty.", statusCode: StatusCodes.Status400BadRequest);
        }

        var invocation = TimerInvocation.FromHostPayload(name, request, binding, http.Request.Headers[InvocationIdHeader], time.GetUtcNow());
        TimerResult result;
        try
        {
            result = await dispatcher.DispatchAsync(invocation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The host treats a non-2xx answer as a failed invocation and logs the body; keep the shape it reads.
            return Results.Json(
                new InvocationResponse(new Dictionary<string, object?>(), [$"{name} failed: {exception.GetType().Name}"], null),
                HostJson,
                statusCode: StatusCodes.Status500InternalServerError);
        }

        return Results.Json(new InvocationResponse(new Dictionary<string, object?>(), result.Logs, result.ReturnValue), HostJson);
    }
}
