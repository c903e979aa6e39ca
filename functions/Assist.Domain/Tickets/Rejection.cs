using Assist.Domain.Validation;

namespace Assist.Domain.Tickets;

/// <summary>
/// Why a command was refused: a stable <see cref="Code"/> (see <see cref="RejectionCodes"/>), a reason a user can
/// read in English and in 简体中文, and field errors when the input itself was invalid.
/// </summary>
public sealed record Rejection(string Code, string Reason, string ReasonZh, ValidationErrors? Errors = null);
