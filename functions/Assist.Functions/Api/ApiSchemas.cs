using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;

namespace Assist.Functions.Api;

/// <summary>
/// Makes the generated schemas say what a client generator needs: numbers are JSON numbers (the serializer also
/// reads numbers written as strings, which the default schema advertises as <c>integer | string</c>), and a request
/// body's required fields are exactly those marked <see cref="RequiredAttribute"/>, never null, while every other
/// field is optional. The request records keep nullable properties so that a missing field reaches the checks, which
/// answer a problem naming it; the attribute documents that rule, the checks enforce it (and a test holds the two to
/// each other).
/// </summary>
public static class ApiSchemas
{
    public static void Tidy(OpenApiSchema schema, JsonTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(type);
        NumbersAreNumbers(schema);
        if (IsRequestBody(type.Type) && schema.Properties is { } properties)
        {
            var required = type.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
                .Select(p => p.Name)
                .ToHashSet(StringComparer.Ordinal);
            schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
            foreach (var name in required.Where(properties.ContainsKey))
            {
                properties[name] = NotNull(properties[name]);
            }
        }
    }

    /// <summary>
    /// Once the document is complete: a required field of a request that refers to another schema (an enum, say) is
    /// that reference, not "null or the reference" (the generator wraps nullable references after the schema
    /// transformers ran).
    /// </summary>
    public static void TidyDocument(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (name, entry) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            // A shared enum lists its values only; where a field may be null it says so itself (null or the enum).
            if (entry is OpenApiSchema { Enum: { Count: > 0 } values } enumeration)
            {
                enumeration.Enum = [.. values.Where(v => v is not null && v.GetValueKind() != System.Text.Json.JsonValueKind.Null)];
                if (enumeration.Type is { } kind)
                {
                    enumeration.Type = kind & ~JsonSchemaType.Null;
                }
            }

            if (RequestBodyNames.Contains(name) && entry is OpenApiSchema { Required: { Count: > 0 } required, Properties: { } properties })
            {
                foreach (var field in required.Where(properties.ContainsKey))
                {
                    properties[field] = NotNull(properties[field]);
                }
            }
        }
    }

    private static readonly HashSet<string> RequestBodyNames =
        [.. typeof(ApiSchemas).Assembly.GetTypes().Where(IsRequestBody).Select(t => t.Name)];

    /// <summary>The request records of the API: the bodies clients send.</summary>
    public static bool IsRequestBody(Type type) =>
        type.Name.EndsWith("Request", StringComparison.Ordinal) && type.Namespace?.StartsWith("Assist.Functions.Api", StringComparison.Ordinal) == true;

    private static void NumbersAreNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } kind && (kind.HasFlag(JsonSchemaType.Integer) || kind.HasFlag(JsonSchemaType.Number)) && kind.HasFlag(JsonSchemaType.String))
        {
            schema.Type = kind & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    private static IOpenApiSchema NotNull(IOpenApiSchema property)
    {
        switch (property)
        {
            case OpenApiSchema { Type: { } kind } inline when kind.HasFlag(JsonSchemaType.Null):
                inline.Type = kind & ~JsonSchemaType.Null;
                return inline;
            case OpenApiSchema { OneOf: { Count: 2 } choices } when choices.Any(IsNull):
                // A nullable reference (an enum, say): the reference alone.
                return choices.Single(c => !IsNull(c));
            default:
                return property;
        }
    }

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };
}
