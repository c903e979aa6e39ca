using System.Globalization;
using Assist.Functions.Web;

namespace Assist.Functions.Components.Enterprise;

/// <summary>
/// Posted values as the Razor pages' model binding gave them to their handlers: the first value of a field, blank
/// text as absent, a number only when the value is one.
/// </summary>
public static class FormValues
{
    public static string? Text(IFormCollection form, string name) =>
        form.Value(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static int? Number(IFormCollection form, string name) =>
        int.TryParse(Text(form, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
