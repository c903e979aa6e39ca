namespace Assist.Domain.Validation;

/// <summary>A <see cref="ValidationError"/> tied to a form field (the JSON name the client sent).</summary>
public sealed record FieldError(string Field, string Code, string Message, string MessageZh)
{
    public static FieldError For(string field, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new FieldError(field, error.Code, error.Message, error.MessageZh);
    }
}
