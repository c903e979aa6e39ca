namespace Assist.Functions.Triggers;

/// <summary>
/// What a custom handler answers to a non-HTTP invocation: <c>{"Outputs":{},"Logs":[…],"ReturnValue":…}</c>.
/// The host writes <c>Logs</c> to its own log stream and hands <c>Outputs</c> to output bindings.
/// </summary>
public sealed record InvocationResponse(IReadOnlyDictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue);
