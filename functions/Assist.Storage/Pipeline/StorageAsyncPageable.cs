using System.Runtime.CompilerServices;
using Azure;

namespace Assist.Storage.Pipeline;

/// <summary>
/// An Azure.Core <see cref="AsyncPageable{T}"/> over a function that fetches one page from a continuation
/// token, so callers can enumerate items, or pages with their tokens to resume later.
/// </summary>
internal sealed class StorageAsyncPageable<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPageAsync, CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
        EnumeratePagesAsync(continuationToken, pageSizeHint, CancellationToken);

    private async IAsyncEnumerable<Page<T>> EnumeratePagesAsync(string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await fetchPageAsync(continuationToken, pageSizeHint, cancellationToken);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}
