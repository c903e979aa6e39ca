namespace Assist.Functions.Security;

/// <summary>Claims the app adds from its directory (never from the identity provider).</summary>
public static class AssistClaims
{
    /// <summary>The directory user id of the caller; present only for an active directory user.</summary>
    public const string UserId = "assist:user";

    /// <summary>The caller's name as the directory spells it (what the pages show).</summary>
    public const string UserName = "assist:name";

    public const string DepartmentId = "assist:department";

    /// <summary>Present (value <c>true</c>) when the caller belongs to the HQ office, which routes by hand.</summary>
    public const string HqOffice = "assist:hq-office";

    /// <summary>Marks a principal the directory was already consulted for (claims transformation runs more than once).</summary>
    public const string Resolved = "assist:resolved";
}
