using Assist.Domain.Validation;

namespace Assist.Storage.Directory;

/// <summary>
/// A designation (驻企特派员) the directory refuses; <see cref="Index"/> is the position of the first bad one in a
/// batch (null for a single one), so an import can name its line.
/// </summary>
public sealed class DesignationException(IReadOnlyList<FieldError> errors, int? index = null)
    : Exception(errors is { Count: > 0 } ? errors[0].Message : "The designation is invalid.")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public int? Index { get; } = index;
}
