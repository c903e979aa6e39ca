namespace Assist.Storage.Tables;

/// <summary>How an update treats properties absent from the entity sent.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the properties sent are written.</summary>
    Merge,

    /// <summary>Remove them: the entity becomes exactly what was sent.</summary>
    Replace,
}
