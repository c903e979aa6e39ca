namespace Assist.Storage.Queues;

/// <summary>How queue message text is put on the wire.</summary>
public enum QueueMessageEncoding
{
    /// <summary>The text itself, XML-escaped (what Azure.Storage.Queues sends by default).</summary>
    None,

    /// <summary>Base64 of the UTF-8 text (what Azure Functions queue triggers expect by default).</summary>
    Base64,
}
