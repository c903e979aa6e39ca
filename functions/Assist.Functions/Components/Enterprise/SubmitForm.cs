using Assist.Functions.Api.Tickets;
using Assist.Functions.Web;

namespace Assist.Functions.Components.Enterprise;

/// <summary>The submission page's fields, named like the API's form so validation errors key the same way.</summary>
public sealed class SubmitForm
{
    /// <summary>The prefix of the fields' names on the page (<c>Form.EnterpriseName</c>…).</summary>
    public const string Prefix = "Form";

    public string? EnterpriseName { get; set; }

    public string? CreditCode { get; set; }

    public string? District { get; set; }

    public string? Industry { get; set; }

    public string? Size { get; set; }

    public string? Tier { get; set; }

    public string? ContactName { get; set; }

    public string? Mobile { get; set; }

    public string? Type { get; set; }

    public string? Topic { get; set; }

    public bool Urgent { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public bool Confidential { get; set; }

    public bool ConsentGiven { get; set; }

    /// <summary>A fresh key per form shown: sending the same form twice (double click, retry) makes one ticket.</summary>
    public string? SubmissionKey { get; set; }

    /// <summary>
    /// The fields as posted, read as the Razor page bound them: names under <c>Form.</c> in any case (or without the
    /// prefix when no field carries it), the first value of each, blank text as absent, a box ticked only when its
    /// value reads as true.
    /// </summary>
    public static SubmitForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var prefix = form.Keys.Any(HasPrefix) ? Prefix + "." : "";
        string? Text(string name) => FormValues.Text(form, prefix + name);
        bool Flag(string name) => bool.TryParse(form.Value(prefix + name), out var value) && value;
        return new SubmitForm
        {
            EnterpriseName = Text(nameof(EnterpriseName)),
            CreditCode = Text(nameof(CreditCode)),
            District = Text(nameof(District)),
            Industry = Text(nameof(Industry)),
            Size = Text(nameof(Size)),
            Tier = Text(nameof(Tier)),
            ContactName = Text(nameof(ContactName)),
            Mobile = Text(nameof(Mobile)),
            Type = Text(nameof(Type)),
            Topic = Text(nameof(Topic)),
            Urgent = Flag(nameof(Urgent)),
            Title = Text(nameof(Title)),
            Description = Text(nameof(Description)),
            Confidential = Flag(nameof(Confidential)),
            ConsentGiven = Flag(nameof(ConsentGiven)),
            SubmissionKey = Text(nameof(SubmissionKey)),
        };
    }

    public SubmitTicketRequest ToRequest() => new(
        EnterpriseName, CreditCode, District, Industry, Size, Tier, ContactName, Mobile, Type, Topic,
        Urgent, Title, Description, Confidential, ConsentGiven);

    private static bool HasPrefix(string key) =>
        key.Equals(Prefix, StringComparison.OrdinalIgnoreCase)
        || (key.Length > Prefix.Length && key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && key[Prefix.Length] is '.' or '[');
}
