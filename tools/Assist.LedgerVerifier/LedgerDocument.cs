using System.Text.Json;

namespace Assist.LedgerVerifier;

/// <summary>
/// Reads what the API answers (or a file saved from it): one ticket's ledger (<c>GET api/staff/tickets/{n}/ledger</c>),
/// a page of ledgers (<c>GET api/reports/ledger-chains</c>: <c>{"items":[…],"continuationToken":…}</c>), or a JSON array
/// of either. Only the fields the scheme needs are read, by their documented names.
/// </summary>
public static class LedgerDocument
{
    /// <exception cref="FormatException">The text is not one of those shapes.</exception>
    public static IReadOnlyList<TicketLedgerCopy> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var ledgers = new List<TicketLedgerCopy>();
            Collect(document.RootElement, ledgers);
            return ledgers;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"Not a ticket ledger, a page of ledger chains, or an array of them: {exception.Message}", exception);
        }
    }

    /// <summary>The continuation token of a ledger-chains page, or null at the end (or when the text is one ticket's ledger).</summary>
    public static string? ContinuationToken(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("continuationToken", out var token)
            && token.ValueKind == JsonValueKind.String
            ? token.GetString()
            : null;
    }

    private static void Collect(JsonElement element, List<TicketLedgerCopy> ledgers)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, ledgers);
            }
        }
        else if (element.TryGetProperty("items", out var items))
        {
            Collect(items, ledgers);
        }
        else
        {
            ledgers.Add(Ledger(element));
        }
    }

    private static TicketLedgerCopy Ledger(JsonElement ledger) => new(
        ledger.GetProperty("number").GetString() ?? throw new FormatException("A ledger without a number."),
        ledger.TryGetProperty("valid", out var valid) && valid.ValueKind is JsonValueKind.True or JsonValueKind.False ? valid.GetBoolean() : null,
        ledger.TryGetProperty("firstBrokenVersion", out var broken) && broken.ValueKind == JsonValueKind.Number ? broken.GetInt64() : null,
        ledger.TryGetProperty("problem", out var problem) && problem.ValueKind == JsonValueKind.String ? problem.GetString() : null,
        [.. ledger.GetProperty("entries").EnumerateArray().Select(Entry)]);

    private static LedgerEntryCopy Entry(JsonElement entry) => new(
        entry.GetProperty("version").GetInt64(),
        entry.TryGetProperty("scheme", out var scheme) ? scheme.GetInt32() : 1,
        entry.GetProperty("previousHash").GetString() ?? "",
        entry.TryGetProperty("payloadSha256", out var digest) ? digest.GetString() ?? "" : "",
        entry.GetProperty("hash").GetString() ?? "",
        entry.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.String ? payload.GetString() : null,
        entry.TryGetProperty("withheldBecause", out var withheld) && withheld.ValueKind == JsonValueKind.String ? withheld.GetString() : null);
}
