namespace Assist.Functions.Api.Dev;

/// <summary>
/// A function that is there only in Development. The Functions host serves every declared function in every
/// environment, so the function itself answers what an unknown path answers elsewhere; this marks it so that the
/// OpenAPI document leaves it out and no rate limit counts its calls there (HttpFunctionPipeline), as none counts an
/// unknown path's.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class DevelopmentOnlyAttribute : Attribute;
