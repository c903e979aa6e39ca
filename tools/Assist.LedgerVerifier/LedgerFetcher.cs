using System.Net.Http.Headers;

namespace Assist.LedgerVerifier;

/// <summary>Fetches ledgers from the API with a staff bearer token: one ticket's, or every page of a period's ledger chains.</summary>
public static class LedgerFetcher
{
    public static async Task<IReadOnlyList<string>> FetchAsync(Uri baseUrl, string token, string? ticket, string? period, string? department, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (ticket is not null)
        {
            return [await GetAsync(client, $"api/staff/tickets/{Uri.EscapeDataString(ticket)}/ledger", cancellationToken)];
        }

        var pages = new List<string>();
        string? continuation = null;
        do
        {
            var query = $"api/reports/ledger-chains?period={Uri.EscapeDataString(period ?? "")}&pageSize=50"
                + (department is null ? "" : $"&department={Uri.EscapeDataString(department)}")
                + (continuation is null ? "" : $"&continuationToken={Uri.EscapeDataString(continuation)}");
            var page = await GetAsync(client, query, cancellationToken);
            pages.Add(page);
            continuation = LedgerDocument.ContinuationToken(page);
        }
        while (continuation is not null);

        return pages;
    }

    private static async Task<string> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? body
            : throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}");
    }
}
