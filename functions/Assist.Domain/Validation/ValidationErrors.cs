using Assist.Domain.Common;

namespace Assist.Domain.Validation;

/// <summary>
/// Field-keyed validation errors, ready for an RFC 9457 problem details body
/// (<c>errors: { field: [messages] }</c>) in English or Chinese.
/// </summary>
public sealed record ValidationErrors(ValueList<FieldError> Errors)
{
    public static ValidationErrors None { get; } = new(ValueList.Empty<FieldError>());

    public bool IsEmpty => Errors.Count == 0;

    public IEnumerable<string> Fields => Errors.Select(error => error.Field).Distinct();

    public IReadOnlyList<FieldError> For(string field) => [.. Errors.Where(error => error.Field == field)];

    /// <summary>field → messages, in the order found; <paramref name="chinese"/> picks the 简体中文 texts.</summary>
    public IReadOnlyDictionary<string, string[]> ToMessages(bool chinese = true) =>
        Errors.GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => chinese ? error.MessageZh : error.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>field → stable codes, for clients that localise themselves.</summary>
    public IReadOnlyDictionary<string, string[]> ToCodes() =>
        Errors.GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Code).ToArray(), StringComparer.Ordinal);
}
