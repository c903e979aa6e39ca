using Assist.Domain.Common;
using Assist.Domain.Validation;

namespace Assist.Functions.Api.Tickets;

/// <summary>Collects field errors for the required parts of a request before a command is built.</summary>
public sealed class RequestChecks
{
    public const int MaxText = 4000;
    private readonly List<FieldError> _errors = [];

    public RequestChecks Text(string field, string? value, string what, string whatZh, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                _errors.Add(new FieldError(field, field + ".required", $"Enter the {what}.", $"请填写{whatZh}。"));
            }
        }
        else if (value.Length > MaxText)
        {
            _errors.Add(new FieldError(field, field + ".too-long", $"The {what} may be at most {MaxText} characters.", $"{whatZh}最多{MaxText}个字。"));
        }

        return this;
    }

    public RequestChecks Present<T>(string field, T? value, string what, string whatZh)
        where T : struct
    {
        if (value is null)
        {
            _errors.Add(new FieldError(field, field + ".required", $"Choose the {what}.", $"请选择{whatZh}。"));
        }

        return this;
    }

    public RequestChecks Range(string field, int? value, int min, int max, string what, string whatZh)
    {
        if (value is null)
        {
            _errors.Add(new FieldError(field, field + ".required", $"Enter the {what}.", $"请填写{whatZh}。"));
        }
        else if (value < min || value > max)
        {
            _errors.Add(new FieldError(field, field + ".range", $"The {what} must be between {min} and {max}.", $"{whatZh}须在{min}至{max}之间。"));
        }

        return this;
    }

    public RequestChecks Add(string field, string code, string message, string messageZh)
    {
        _errors.Add(new FieldError(field, code, message, messageZh));
        return this;
    }

    /// <summary>What was wrong so far, keyed by field (for pages, which show the messages beside the fields).</summary>
    public ValidationErrors Errors => new(_errors.ToValueList());

    /// <summary>The 400 problem when anything was wrong, else null.</summary>
    public IResult? Problem(HttpRequest request) =>
        _errors.Count == 0 ? null : ApiProblems.Validation(request, new ValidationErrors(_errors.ToValueList()));
}
