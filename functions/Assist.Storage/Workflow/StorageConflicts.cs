using Azure;

namespace Assist.Storage.Workflow;

/// <summary>Recognises the outcomes of conditional writes that mean "someone else got there first".</summary>
internal static class StorageConflicts
{
    public static bool IsAlreadyExists(RequestFailedException exception) => exception.Status == 409;

    public static bool IsConditionFailed(RequestFailedException exception) => exception.Status == 412;

    public static bool IsNotFound(RequestFailedException exception) => exception.Status == 404;

    /// <summary>Lost an optimistic race: the row appeared, changed or vanished since it was read.</summary>
    public static bool IsLostRace(RequestFailedException exception) => exception.Status is 409 or 412 or 404;
}
