namespace Assist.Domain.Validation;

/// <summary>
/// One problem with an input: a stable <see cref="Code"/> for programs and tests, an English message and the
/// 简体中文 message the UI shows by default.
/// </summary>
public sealed record ValidationError(string Code, string Message, string MessageZh);
