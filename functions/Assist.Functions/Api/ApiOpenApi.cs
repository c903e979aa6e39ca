namespace Assist.Functions.Api;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, generated from the endpoints' metadata.</summary>
public static class ApiOpenApi
{
    public static IServiceCollection AddAssistOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddOperationTransformer<OpenApi.FunctionParameters>().AddDocumentTransformer((document, _, _) =>
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
}
