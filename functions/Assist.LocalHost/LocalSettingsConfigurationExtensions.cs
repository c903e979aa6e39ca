using System.Text.Json;

namespace Assist.LocalHost;

/// <summary>
/// Reads the <c>Values</c> of a Functions <c>local.settings.json</c> into configuration, the way
/// <c>func start</c> turns them into environment variables, so the app run standalone sees the same settings.
/// </summary>
public static class LocalSettingsConfigurationExtensions
{
    public static IConfigurationBuilder AddLocalSettingsFile(this IConfigurationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!File.Exists(path))
        {
            return builder;
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in section.EnumerateObject())
            {
                // Environment-variable style keys ("Storage__ConnectionString") become configuration paths.
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : property.Value.GetRawText();
            }
        }

        return builder.AddInMemoryCollection(values);
    }
}
