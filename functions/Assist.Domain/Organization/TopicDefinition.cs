namespace Assist.Domain.Organization;

/// <summary>诉求类别: a topic code (e.g. FINANCE) with its display names.</summary>
public sealed record TopicDefinition(string Code, string NameZh, string NameEn, bool Active = true);
