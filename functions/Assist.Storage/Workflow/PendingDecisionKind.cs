namespace Assist.Storage.Workflow;

/// <summary>What a supervisor is asked to decide on the worklist.</summary>
public enum PendingDecisionKind
{
    /// <summary>退单: the lead department returns a mis-routed ticket.</summary>
    Return,

    /// <summary>延期: the lead department asks for more working days.</summary>
    Extension,
}
