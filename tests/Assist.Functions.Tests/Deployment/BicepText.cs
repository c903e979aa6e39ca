using System.Text;
using System.Text.RegularExpressions;
using Assist.Tests;

namespace Assist.Functions.Tests.Deployment;

/// <summary>
/// Bicep cannot be installed here, so the templates are read as text: comments removed (so a commented-out
/// line proves nothing), then searched for the properties a reviewer would look for.
/// </summary>
public sealed partial class BicepText
{
    private BicepText(string path, string code)
    {
        Path = path;
        Code = code;
    }

    public string Path { get; }

    /// <summary>The template without comments.</summary>
    public string Code { get; }

    public static BicepText Load(params string[] relativePath)
    {
        var path = RepositoryPaths.Combine(["infra", .. relativePath]);
        return new BicepText(path, StripComments(File.ReadAllText(path)));
    }

    public static IEnumerable<BicepText> All() =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("infra"), "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => new BicepText(p, StripComments(File.ReadAllText(p))));

    /// <summary>True when <c>name: value</c> appears (whitespace-insensitive), e.g. <c>allowSharedKeyAccess: false</c>.</summary>
    public bool Has(string property, string value) =>
        Regex.IsMatch(Code, $@"(?m)^\s*{Regex.Escape(property)}\s*:\s*{Regex.Escape(value)}\s*$");

    /// <summary>Every <c>{ name: 'X', value: … }</c> app setting, by name, with its value expression.</summary>
    public IReadOnlyDictionary<string, string> AppSettings() =>
        AppSettingPattern().Matches(Code).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim(), StringComparer.Ordinal);

    /// <summary>What in this text would hand out or use a storage or service key.</summary>
    public static IReadOnlyList<string> KeyUses(string code) =>
        KeyPatterns.Where(p => Regex.IsMatch(code, p, RegexOptions.IgnoreCase)).ToList();

    private static readonly string[] KeyPatterns =
    [
        @"listKeys\s*\(", @"listAccountSas\s*\(", @"listServiceSas\s*\(", @"AccountKey\s*=", @"SharedAccessSignature\s*=",
        @"\.primaryKey\b", @"\.keys\s*\[", @"DefaultEndpointsProtocol\s*=",
    ];

    /// <summary>Removes // and /* */ comments outside '…' strings (Bicep escapes a quote as \').</summary>
    private static string StripComments(string text)
    {
        var code = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                code.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    code.Append(text[++i]);
                }
                else if (c == '\'')
                {
                    inString = false;
                }
            }
            else if (c == '\'')
            {
                inString = true;
                code.Append(c);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                code.Append('\n');
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
            }
            else
            {
                code.Append(c);
            }
        }

        return code.ToString();
    }

    [GeneratedRegex(@"\{\s*name:\s*'(?<name>[^']+)'\s*,?\s*value:\s*(?<value>'(?:[^'\\]|\\.)*'|[^\n}']+?)\s*\}")]
    private static partial Regex AppSettingPattern();
}
