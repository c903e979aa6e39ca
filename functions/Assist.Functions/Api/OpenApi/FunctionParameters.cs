using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assist.Functions.Api.OpenApi;

/// <summary>
/// Lists the parameters of an HTTP function the generator cannot infer from a function endpoint: the route values
/// (from the route template, typed by the method's parameter of the same name) and the declared
/// <see cref="QueryParameterAttribute"/>s.
/// </summary>
public sealed partial class FunctionParameters : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = metadata.OfType<MethodInfo>().FirstOrDefault();
        if (method is null)
        {
            return;
        }

        operation.Parameters ??= [];
        var listed = operation.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (Match value in RouteValue().Matches(context.Description.RelativePath ?? string.Empty))
        {
            var name = value.Groups["name"].Value;
            if (listed.Add(name))
            {
                // The schema the generator gives the method's parameter of that name (an int is an int32).
                var type = method.GetParameters().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.ParameterType;
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = await context.GetOrCreateSchemaAsync(type ?? typeof(string), parameterDescription: null, cancellationToken),
                });
            }
        }

        foreach (var query in metadata.OfType<QueryParameterAttribute>().Where(q => listed.Add(q.Name)))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Required = false,
                Description = query.Description,
                Schema = new OpenApiSchema { Type = query.IsWholeNumber ? JsonSchemaType.Integer : JsonSchemaType.String },
            });
        }
    }

    /// <summary>A route value in a template: <c>{name}</c> or <c>{name:constraint}</c>.</summary>
    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();
}
