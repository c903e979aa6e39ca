using System.Globalization;
using System.Text.Json;

namespace Assist.Functions.Triggers;

/// <summary>Where a timer invocation came from.</summary>
public enum TimerSource
{
    /// <summary>The Azure Functions host posted it to <c>POST /{FunctionName}</c>.</summary>
    FunctionsHost,

    /// <summary>The in-process scheduler fired it (local runs and tests).</summary>
    StandaloneScheduler,
}

/// <summary>One firing of a timer function, whichever way it arrived.</summary>
public sealed record TimerInvocation(
    string FunctionName,
    DateTimeOffset FiredAt,
    bool IsPastDue,
    DateTimeOffset? LastScheduled,
    DateTimeOffset? NextScheduled,
    TimerSource Source,
    string InvocationId)
{
    /// <summary>
    /// Reads the host's timer payload: <c>Data.{binding}</c> holds <c>IsPastDue</c> and <c>ScheduleStatus</c>;
    /// <c>Metadata.sys.UtcNow</c> holds the firing time. The binding value may arrive as an object or as a JSON string.
    /// </summary>
    public static TimerInvocation FromHostPayload(string functionName, InvocationRequest request, string bindingName, string? invocationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = default(JsonElement);
        if (request.Data.ValueKind == JsonValueKind.Object && request.Data.TryGetProperty(bindingName, out var binding))
        {
            timer = binding.ValueKind == JsonValueKind.String ? JsonDocument.Parse(binding.GetString() ?? "{}").RootElement : binding;
        }

        var isPastDue = timer.ValueKind == JsonValueKind.Object
            && timer.TryGetProperty(nameof(IsPastDue), out var pastDue)
            && pastDue.ValueKind == JsonValueKind.True;

        DateTimeOffset? last = null, next = null;
        if (timer.ValueKind == JsonValueKind.Object && timer.TryGetProperty("ScheduleStatus", out var status) && status.ValueKind == JsonValueKind.Object)
        {
            last = ReadTime(status, "Last");
            next = ReadTime(status, "Next");
        }

        var firedAt = now;
        if (request.Metadata.ValueKind == JsonValueKind.Object
            && request.Metadata.TryGetProperty("sys", out var sys)
            && sys.ValueKind == JsonValueKind.Object
            && ReadTime(sys, "UtcNow") is { } utcNow)
        {
            firedAt = utcNow;
        }

        return new TimerInvocation(functionName, firedAt, isPastDue, last, next, TimerSource.FunctionsHost,
            string.IsNullOrWhiteSpace(invocationId) ? Guid.NewGuid().ToString("D") : invocationId);
    }

    private static DateTimeOffset? ReadTime(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
