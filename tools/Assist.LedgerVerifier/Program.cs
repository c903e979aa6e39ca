using Assist.LedgerVerifier;

// scripts/verify-ledger: see Usage below and the README's "Verifying a ticket's ledger".
const string Usage = """
    Usage:
      verify-ledger --ticket NUMBER --base-url URL --token TOKEN [--save FILE]
      verify-ledger --period yyyy-MM|yyyy-Qn [--department ID] --base-url URL --token TOKEN [--save FILE]
      verify-ledger --file FILE        (a saved ticket ledger, a ledger-chains page, or an array of either; - for stdin)
    Prints one line per ticket: OK, "broken at version N: why" or "unverifiable from version N: payload withheld (scheme 1)".
    Exit code: 0 all verified, 1 a ledger is broken, 2 bad usage or input, 3 none broken but some unverifiable.
    """;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        return Fail($"Unexpected argument '{args[i]}'.");
    }

    options[args[i][2..]] = args[++i];
}

string[] documents;
try
{
    if (options.TryGetValue("file", out var file))
    {
        documents = [file == "-" ? await Console.In.ReadToEndAsync() : await File.ReadAllTextAsync(file)];
    }
    else if (options.TryGetValue("base-url", out var baseUrl) && options.TryGetValue("token", out var token)
        && (options.ContainsKey("ticket") || options.ContainsKey("period")))
    {
        documents = [.. await LedgerFetcher.FetchAsync(new Uri(baseUrl), token, options.GetValueOrDefault("ticket"), options.GetValueOrDefault("period"), options.GetValueOrDefault("department"))];
        if (options.TryGetValue("save", out var save))
        {
            await File.WriteAllTextAsync(save, documents.Length == 1 ? documents[0] : $"[{string.Join(",", documents)}]");
        }
    }
    else
    {
        return Fail("Give --file, or --base-url and --token with --ticket or --period.");
    }
}
catch (Exception exception) when (exception is IOException or HttpRequestException or UriFormatException or UnauthorizedAccessException)
{
    return Fail(exception.Message);
}

List<VerifierResult> results;
try
{
    results = [.. documents.SelectMany(LedgerDocument.Parse).Select(ChainVerifier.Verify)];
}
catch (FormatException exception)
{
    return Fail(exception.Message);
}

foreach (var result in results)
{
    Console.WriteLine(result);
}

Console.WriteLine($"{results.Count} ticket(s): {results.Count(r => r.Outcome == VerifierOutcome.Verified)} OK, {results.Count(r => r.Outcome == VerifierOutcome.Broken)} broken, {results.Count(r => r.Outcome == VerifierOutcome.Unverifiable)} unverifiable.");
return results.Any(r => r.Outcome == VerifierOutcome.Broken) ? 1 : results.Any(r => r.Outcome == VerifierOutcome.Unverifiable) ? 3 : 0;

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    Console.Error.WriteLine(Usage);
    return 2;
}
