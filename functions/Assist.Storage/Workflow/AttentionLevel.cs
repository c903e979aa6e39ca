namespace Assist.Storage.Workflow;

/// <summary>The highest rung of the escalation ladder a ticket reached for its current deadline.</summary>
public enum AttentionLevel
{
    None,
    Blue,
    Yellow,
    Red,
    Hq,
}
