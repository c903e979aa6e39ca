using Assist.Domain.Common;

namespace Assist.Domain.Organization;

/// <summary>
/// 企业类别: a tier code (stored on tickets and in routing rules) with its display names, and the other names older
/// clients send for it (the form used to send the Chinese name).
/// </summary>
public sealed record EnterpriseTier(string Code, string NameZh, string NameEn, ValueList<string> Aliases);
