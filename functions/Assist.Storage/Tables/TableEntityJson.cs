using System.Globalization;
using System.Text.Json;
using Azure;

namespace Assist.Storage.Tables;

/// <summary>
/// The OData JSON form of an entity. Writing annotates every type JSON cannot carry on its own (Int64,
/// Double, DateTime, Guid, Binary), so a whole-number double is not read back as an Int32. Reading honours
/// the service's <c>@odata.type</c> annotations.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            switch (value)
            {
                case null:
                    // Tables cannot store null: an absent property is the only way to say "no value".
                    break;
                case string s:
                    writer.WriteString(name, s);
                    break;
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                case int i:
                    writer.WriteNumber(name, i);
                    break;
                case long l:
                    Annotated(writer, name, "Edm.Int64", l.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    writer.WriteString(name + TypeSuffix, "Edm.Double");
                    if (double.IsFinite(d))
                    {
                        writer.WriteNumber(name, d);
                    }
                    else
                    {
                        writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                    }

                    break;
                case DateTimeOffset t:
                    Annotated(writer, name, "Edm.DateTime", t.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                    break;
                case Guid g:
                    Annotated(writer, name, "Edm.Guid", g.ToString("D"));
                    break;
                case byte[] bytes:
                    Annotated(writer, name, "Edm.Binary", Convert.ToBase64String(bytes));
                    break;
                default:
                    throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}.");
            }
        }

        writer.WriteEndObject();
    }

    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }

        return buffer.ToArray();
    }

    public static TableEntity Read(JsonElement element)
    {
        var entity = new TableEntity();
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.StartsWith("odata.", StringComparison.Ordinal))
            {
                if (name == "odata.etag" && property.Value.GetString() is { } etag)
                {
                    entity.ETag = new ETag(etag);
                }

                continue;
            }

            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (name == TableEntity.TimestampName)
            {
                // A system property: always an Edm.DateTime, annotated or not (minimal metadata leaves it bare).
                entity.Timestamp = (DateTimeOffset?)ReadValue(name, property.Value, "Edm.DateTime");
                continue;
            }

            var type = element.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            var value = ReadValue(name, property.Value, type);

            entity[name] = value;
        }

        return entity;
    }

    private static void Annotated(Utf8JsonWriter writer, string name, string type, string value)
    {
        writer.WriteString(name + TypeSuffix, type);
        writer.WriteString(name, value);
    }

    private static object? ReadValue(string name, JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? value.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" or "INF" => double.PositiveInfinity,
                "-Infinity" or "-INF" => double.NegativeInfinity,
                var text => double.Parse(text!, CultureInfo.InvariantCulture),
            }
            : value.GetDouble(),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => Convert.FromBase64String(value.GetString()!),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString(),
        null => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            // Without an annotation an integral number is an Int32; anything else is a Double.
            JsonValueKind.Number => value.TryGetInt32(out var i) ? (object)i : value.GetDouble(),
            _ => throw new FormatException($"Property '{name}' has an unexpected JSON {value.ValueKind}."),
        },
        _ => throw new FormatException($"Property '{name}' has unsupported type {type}."),
    };
}
