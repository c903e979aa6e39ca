using System.Text.Json;

namespace Assist.Functions.Triggers;

/// <summary>
/// The body the Functions host posts to a custom handler for a non-HTTP trigger: <c>{"Data":…,"Metadata":…}</c>.
/// </summary>
public sealed record InvocationRequest(JsonElement Data, JsonElement Metadata);
