using System.Text.Json;
using Assist.Domain.Ledger;

namespace Assist.Storage.Workflow;

/// <summary>The JSON the engine stores besides events: the domain's conventions (camelCase, enums by name), comments allowed in seed files.</summary>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(TicketEventSerializer.Options)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is empty.");
}
