using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Assist.Tests;

namespace Assist.Functions.Tests.Deployment;

/// <summary>
/// infra/ as Azure Resource Manager receives it: compiled by the real Bicep CLI (the Azure.Bicep.CommandLine package
/// that Directory.Packages.props downloads), so the assertions read resources, properties and expressions after every
/// module, loop, variable and <c>loadJsonContent</c> has been resolved the way a deployment resolves them.
/// </summary>
public sealed class ArmTemplate
{
    private static readonly Lazy<ArmTemplate> CompiledMain = new(() => Compile("main.bicep"));

    private ArmTemplate(JsonObject root) => Root = root;

    /// <summary>infra/main.bicep, compiled once per test run.</summary>
    public static ArmTemplate Main => CompiledMain.Value;

    public JsonObject Root { get; }

    /// <summary>The compiled JSON as text (what a deployment uploads).</summary>
    public string Text => Root.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Every resource, in this template and every nested module deployment.</summary>
    public IEnumerable<JsonObject> AllResources() => ResourcesOf(Root).SelectMany(Descend);

    public IEnumerable<JsonObject> Resources(string type) =>
        AllResources().Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Resource(string type) => Assert.Single(Resources(type));

    /// <summary>A module's deployment resource, by its deployment name (the <c>name:</c> of the module in main.bicep).</summary>
    public JsonObject Module(string deploymentName) =>
        Assert.Single(Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == deploymentName);

    /// <summary>The compiled template of a module (its parameters, variables, resources and outputs).</summary>
    public ArmTemplate ModuleTemplate(string deploymentName) => new(Module(deploymentName)["properties"]!["template"]!.AsObject());

    public static string BicepPath =>
        typeof(ArmTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;

    /// <summary>Runs the Bicep CLI with the repository root as working folder.</summary>
    public static (int ExitCode, string Output, string Errors) Bicep(params string[] arguments)
    {
        var cli = BicepPath;
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at {cli}: restore the solution (it comes as a PackageDownload).", cli);
        }

        // NuGet extracts the package without the executable bit (the package is the linux-x64 CLI).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, File.GetUnixFileMode(cli) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var start = new ProcessStartInfo(cli)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, no update checks: the tests run offline.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }

    public static ArmTemplate Compile(params string[] relativePath)
    {
        var path = Path.Combine(["infra", .. relativePath]);
        var (exitCode, output, errors) = Bicep("build", path, "--stdout");
        Assert.True(exitCode == 0, $"bicep build {path} failed ({exitCode}):\n{errors}");
        return new ArmTemplate(JsonNode.Parse(output)!.AsObject());
    }

    /// <summary>
    /// The <c>{ name, value }</c> app settings of a site, by name, each value as its ARM expression (without the
    /// brackets) or as a quoted literal: <c>parameters('appIdentityClientId')</c>, <c>'managedidentity'</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AppSettings(JsonObject site)
    {
        var node = site["properties"]!["siteConfig"]!["appSettings"]!;
        if (node is JsonArray array)
        {
            return array.ToDictionary(s => (string)s!["name"]!, s => Literal(s!["value"]!), StringComparer.Ordinal);
        }

        // A list joined with another (concat(createArray(createObject('name', …, 'value', …), …), variables(…))).
        var expression = Unbracket((string)node!);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in Calls(expression, "createObject"))
        {
            var arguments = ArmExpression.Arguments(call);
            if (arguments.Count == 4 && arguments[0] == "'name'" && arguments[2] == "'value'")
            {
                settings[arguments[1].Trim('\'')] = arguments[3];
            }
        }

        return settings;
    }

    /// <summary>A property's value: an expression without brackets, or a string literal in quotes.</summary>
    public static string Literal(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s)
        ? (s.StartsWith('[') && !s.StartsWith("[[", StringComparison.Ordinal) ? Unbracket(s) : $"'{s}'")
        : value.ToJsonString();

    /// <summary>What in a template would hand out or use a storage or service key.</summary>
    public static IReadOnlyList<string> KeyUses(string template) =>
        KeyPatterns.Where(p => System.Text.RegularExpressions.Regex.IsMatch(template, p, System.Text.RegularExpressions.RegexOptions.IgnoreCase)).ToList();

    private static readonly string[] KeyPatterns =
    [
        @"listKeys\s*\(", @"listAccountSas\s*\(", @"listServiceSas\s*\(", @"AccountKey\s*=", @"SharedAccessSignature\s*=",
        @"\.primaryKey\b", @"\.keys\s*\[", @"DefaultEndpointsProtocol\s*=",
    ];

    private static string Unbracket(string expression) => expression.StartsWith('[') ? expression[1..^1] : expression;

    /// <summary>Every call of <paramref name="function"/> in an expression, whole (name and balanced parentheses).</summary>
    private static IEnumerable<string> Calls(string expression, string function)
    {
        var at = 0;
        while ((at = expression.IndexOf(function + "(", at, StringComparison.Ordinal)) >= 0)
        {
            var end = ArmExpression.ClosingParenthesis(expression, at + function.Length);
            yield return expression[at..(end + 1)];
            at = end + 1;
        }
    }

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.Select(r => r!.AsObject()),
        // Symbolic-name templates (languageVersion 2.0) keep resources in an object.
        JsonObject map => map.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    private static IEnumerable<JsonObject> Descend(JsonObject resource)
    {
        yield return resource;
        if ((string?)resource["type"] == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
        {
            foreach (var inner in ResourcesOf(nested).SelectMany(Descend))
            {
                yield return inner;
            }
        }
    }
}

/// <summary>Just enough of ARM's expression syntax to split a call into its arguments (strings may hold commas).</summary>
public static class ArmExpression
{
    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>.</summary>
    public static int ClosingParenthesis(string expression, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\'')
            {
                // '' is an escaped quote inside a string.
                if (inString && i + 1 < expression.Length && expression[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                inString = !inString;
            }
            else if (!inString && c == '(')
            {
                depth++;
            }
            else if (!inString && c == ')' && --depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"Unbalanced parentheses in {expression}");
    }

    /// <summary>The top-level arguments of a call such as <c>f(a, g(b, c), 'd,e')</c>, trimmed.</summary>
    public static IReadOnlyList<string> Arguments(string call)
    {
        var open = call.IndexOf('(', StringComparison.Ordinal);
        var close = ClosingParenthesis(call, open);
        var arguments = new List<string>();
        var depth = 0;
        var inString = false;
        var start = open + 1;
        for (var i = open + 1; i < close; i++)
        {
            var c = call[i];
            if (c == '\'')
            {
                if (inString && i + 1 < close && call[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                inString = !inString;
            }
            else if (!inString && c is '(' or '[')
            {
                depth++;
            }
            else if (!inString && c is ')' or ']')
            {
                depth--;
            }
            else if (!inString && depth == 0 && c == ',')
            {
                arguments.Add(call[start..i].Trim());
                start = i + 1;
            }
        }

        arguments.Add(call[start..close].Trim());
        return arguments;
    }
}
