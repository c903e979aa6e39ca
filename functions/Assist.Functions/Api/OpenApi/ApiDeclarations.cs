using Microsoft.AspNetCore.Http.Metadata;

namespace Assist.Functions.Api.OpenApi;

// The attribute forms of what minimal APIs declare with .Accepts, .Produces and .ProducesProblem: HTTP functions are
// declared by attributes on their methods (the Functions worker reads nothing else), and the local host turns the
// method's attributes into endpoint metadata, which the OpenAPI generator reads. ASP.NET Core has no attribute for a
// problem response or a typed request body, so these few are written here.

/// <summary>The request body a function reads itself from the <see cref="HttpRequest"/>, with its content types.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequestBodyAttribute(Type requestType, params string[] contentTypes) : Attribute, IAcceptsMetadata
{
    public Type? RequestType { get; } = requestType;

    public IReadOnlyList<string> ContentTypes { get; } = contentTypes.Length == 0 ? ["application/json"] : contentTypes;

    public bool IsOptional => false;
}

/// <summary>
/// A response the function answers: with a body of <paramref name="type"/> (as JSON unless <paramref name="contentType"/>
/// says otherwise), or without a declared body type (<c>void</c>, as minimal APIs declare it: the OpenAPI generator
/// lists a response without a type only as <c>void</c>), optionally of <paramref name="contentType"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ProducesAttribute(int statusCode, Type? type = null, string? contentType = null) : Attribute, IProducesResponseTypeMetadata
{
    public Type? Type { get; } = type ?? typeof(void);

    public int StatusCode { get; } = statusCode;

    public IEnumerable<string> ContentTypes { get; } = contentType is not null ? [contentType] : type is null ? [] : ["application/json"];
}

/// <summary>An RFC 9457 problem+json answer with this status.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ProducesProblemAttribute(int statusCode) : Attribute, IProducesResponseTypeMetadata
{
    public Type? Type => typeof(Microsoft.AspNetCore.Mvc.ProblemDetails);

    public int StatusCode { get; } = statusCode;

    public IEnumerable<string> ContentTypes => ["application/problem+json"];
}

/// <summary>400 with a validation problem (<c>errors</c> by field).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class ProducesValidationProblemAttribute : Attribute, IProducesResponseTypeMetadata
{
    public Type? Type => typeof(HttpValidationProblemDetails);

    public int StatusCode => StatusCodes.Status400BadRequest;

    public IEnumerable<string> ContentTypes => ["application/problem+json"];
}

/// <summary>
/// A query parameter the function reads from <see cref="HttpRequest.Query"/> (the worker binds no query values to
/// parameters), listed in the OpenAPI document by <see cref="FunctionParameters"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>Numbers say so, so that a client generator sends a number.</summary>
    public bool IsWholeNumber { get; init; }
}

/// <summary>
/// Declarations several functions share, written once: the local host expands the group into its items where the
/// attribute stands (an attribute cannot carry several metadata items of one kind itself).
/// </summary>
public interface IDeclarationGroup
{
    IEnumerable<object> Items { get; }
}

/// <summary>What every staff action on a ticket answers: the new staff view, or why not (400, 409, 412, 415, 428).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StaffActionResponsesAttribute : Attribute, IDeclarationGroup
{
    public IEnumerable<object> Items { get; } =
    [
        new ProducesAttribute(StatusCodes.Status200OK, typeof(Tickets.StaffTicketView)),
        new ProducesValidationProblemAttribute(),
        new ProducesProblemAttribute(StatusCodes.Status409Conflict),
        new ProducesProblemAttribute(StatusCodes.Status412PreconditionFailed),
        new ProducesProblemAttribute(StatusCodes.Status415UnsupportedMediaType),
        new ProducesProblemAttribute(StatusCodes.Status428PreconditionRequired),
    ];
}
