using Microsoft.AspNetCore.OpenApi;

namespace Assist.Functions.Api;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, generated from the endpoints' metadata.</summary>
public static class ApiOpenApi
{
    /// <summary>The document lists the development-only functions (<see cref="Dev.DevelopmentOnlyAttribute"/>) in Development only.</summary>
    public static IServiceCollection AddAssistOpenApi(this IServiceCollection services, bool development) =>
        services.AddOpenApi("v1", options => options.ExcludingDevelopmentOnly(development).AddOperationTransformer<OpenApi.FunctionParameters>().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Assist — 企业吹哨、部门报到";
            document.Info.Version = "v1";
            document.Info.Description =
                "Enterprise assistance tickets. Errors are RFC 9457 problem+json (Chinese by default, English with " +
                "Accept-Language: en). Staff mutations need If-Match with the ticket version (ETag); the enterprise " +
                "authenticates per ticket with X-Tracking-Code.";
            ApiSchemas.TidyDocument(document);
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            ApiSchemas.Tidy(schema, context.JsonTypeInfo);
            return Task.CompletedTask;
        }));

    /// <summary>Leaves out, outside Development, the functions that answer as unknown paths there.</summary>
    private static OpenApiOptions ExcludingDevelopmentOnly(this OpenApiOptions options, bool development)
    {
        var included = options.ShouldInclude;
        options.ShouldInclude = description => included(description)
            && (development || !description.ActionDescriptor.EndpointMetadata.OfType<Dev.DevelopmentOnlyAttribute>().Any());
        return options;
    }
}
