using System.Text.Json.Serialization;

namespace Assist.Functions.Triggers;

/// <summary>One binding of a <c>function.json</c>, with the properties this app uses.</summary>
public sealed record FunctionBinding
{
    [JsonPropertyName("type")] public string Type { get; init; } = string.Empty;
    [JsonPropertyName("direction")] public string Direction { get; init; } = string.Empty;
    [JsonPropertyName("name")] public string Name { get; init; } = string.Empty;
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    [JsonPropertyName("runOnStartup")] public bool RunOnStartup { get; init; }
    [JsonPropertyName("route")] public string? Route { get; init; }
    [JsonPropertyName("authLevel")] public string? AuthLevel { get; init; }
    [JsonPropertyName("methods")] public IReadOnlyList<string>? Methods { get; init; }
}
