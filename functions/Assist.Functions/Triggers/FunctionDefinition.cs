namespace Assist.Functions.Triggers;

/// <summary>A function as the Functions host sees it: a folder name and its <c>function.json</c> bindings.</summary>
public sealed record FunctionDefinition(string Name, string Path, IReadOnlyList<FunctionBinding> Bindings)
{
    public const string TimerTrigger = "timerTrigger";
    public const string HttpTrigger = "httpTrigger";

    /// <summary>The trigger binding (the one "in" binding whose type ends in "Trigger").</summary>
    public FunctionBinding? Trigger => Bindings.FirstOrDefault(b =>
        b.Direction.Equals("in", StringComparison.OrdinalIgnoreCase) && b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    public bool IsTimer => Trigger?.Type.Equals(TimerTrigger, StringComparison.OrdinalIgnoreCase) == true;
}
