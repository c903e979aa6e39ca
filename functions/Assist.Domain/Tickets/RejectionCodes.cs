namespace Assist.Domain.Tickets;

/// <summary>The stable codes of <see cref="Rejection"/>; the HTTP layer maps them to problem types.</summary>
public static class RejectionCodes
{
    public const string NotAllowedInStatus = "not-allowed-in-status";
    public const string ValidationFailed = "validation-failed";
    public const string NotAuthorized = "not-authorized";
    public const string InvalidArgument = "invalid-argument";
    public const string UnknownDepartment = "unknown-department";
    public const string UnknownOfficer = "unknown-officer";
    public const string NoOfficerAvailable = "no-officer-available";
    public const string OfficerAlreadyAssigned = "officer-already-assigned";
    public const string NotAHandlingDepartment = "not-a-handling-department";
    public const string AlreadySignedIn = "already-signed-in";
    public const string ReturnWindowClosed = "return-window-closed";
    public const string ReturnAlreadyDecided = "return-already-decided";
    public const string ExtensionTooLate = "extension-too-late";
    public const string ExtensionCapExceeded = "extension-cap-exceeded";
    public const string ExtensionPending = "extension-pending";
    public const string NoPendingExtension = "no-pending-extension";
    public const string AlreadyEscalated = "already-escalated";
    public const string DuplicateOrder = "duplicate-order";
    public const string NotEscalatedToHq = "not-escalated-to-hq";
    public const string NoPendingInstruction = "no-pending-instruction";
    public const string DuplicateInstruction = "duplicate-instruction";
    public const string NotACoHandler = "not-a-co-handler";
    public const string SignInRequired = "sign-in-required";
    public const string AlreadyContributed = "already-contributed";
    public const string ContributionsPending = "contributions-pending";
    public const string InAnotherCommonIssue = "in-another-common-issue";
    public const string NotInCommonIssue = "not-in-common-issue";
}
