using System.Net;
using System.Text.RegularExpressions;

namespace Assist.Functions.Tests.Pages;

/// <summary>
/// What a person reads on a rendered page: every text node with the element it sits in, and the attributes a browser
/// shows or reads aloud (title, aria-label, placeholder, alt). Scripts, styles and the contents of text areas (JSON
/// being edited, what someone typed) are not page text.
/// </summary>
public static partial class PageText
{
    public static IReadOnlyList<PageTextNode> Nodes(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var nodes = new List<PageTextNode>();
        var body = Skipped().Replace(html, " ");
        var element = "";
        foreach (Match part in Parts().Matches(body))
        {
            if (part.Groups["tag"].Success)
            {
                var tag = part.Groups["tag"].Value;
                if (!tag.StartsWith('/') && !tag.StartsWith('!'))
                {
                    element = TagName().Match(tag).Value.ToLowerInvariant();
                    foreach (Match attribute in ShownAttributes().Matches(tag))
                    {
                        Add(nodes, "@" + attribute.Groups["name"].Value, attribute.Groups["value"].Value);
                    }
                }

                continue;
            }

            Add(nodes, element, part.Groups["text"].Value);
        }

        return nodes;
    }

    private static void Add(List<PageTextNode> nodes, string element, string raw)
    {
        var text = WebUtility.HtmlDecode(raw).Trim();
        if (text.Length > 0)
        {
            nodes.Add(new PageTextNode(element, text));
        }
    }

    [GeneratedRegex("<(script|style|textarea)\\b[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();

    [GeneratedRegex("<(?<tag>[^>]*)>|(?<text>[^<]+)", RegexOptions.Singleline)]
    private static partial Regex Parts();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex TagName();

    [GeneratedRegex("\\s(?<name>title|aria-label|placeholder|alt)=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ShownAttributes();
}

/// <summary>One piece of page text and the element it is in (<c>@title</c> etc. for an attribute).</summary>
public sealed record PageTextNode(string Element, string Text);
