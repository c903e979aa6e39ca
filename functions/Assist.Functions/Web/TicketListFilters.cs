using Assist.Domain.Organization;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Http.Extensions;

namespace Assist.Functions.Web;

/// <summary>
/// A staff list page's search (<c>q</c>, <c>officer</c>, <c>status</c>) and paging state (<c>pageSize</c> too, when asked): what the form shows, and the
/// links to the first and the next page, which carry the search so a page of results leads to the next page of the
/// same results. <see cref="Officers"/> are the choices of the officer filter (none: the form has no officer filter).
/// </summary>
public sealed record TicketListFilters(
    string Path,
    TicketSearch Search,
    IReadOnlyList<StaffUser> Officers,
    string? ContinuationToken = null,
    string? NextToken = null,
    string? Problem = null)
{
    /// <summary>The raw <c>q</c>, <c>officer</c> and <c>status</c> as asked, shown back in the form even when refused.</summary>
    public string? Text { get; init; } = Search.Text;

    public string? OfficerId { get; init; } = Search.OfficerId;

    public string? Status { get; init; } = Search.Status?.ToString();

    /// <summary>The page size asked for (<c>pageSize</c>), kept in the links; null: the default.</summary>
    public string? PageSize { get; init; }

    public bool IsSearch => !string.IsNullOrEmpty(Text) || !string.IsNullOrEmpty(OfficerId) || !string.IsNullOrEmpty(Status);

    /// <summary>The first page of the same search.</summary>
    public string FirstPage => Path + Query(null).ToUriComponent();

    /// <summary>The next page of the same search (null: this is the last).</summary>
    public string? NextPage => NextToken is null ? null : Path + Query(NextToken).ToUriComponent();

    private QueryString Query(string? token)
    {
        var query = new QueryBuilder();
        Add(query, "q", Text);
        Add(query, "officer", OfficerId);
        Add(query, "status", Status);
        Add(query, "pageSize", PageSize);
        Add(query, "continuationToken", token);
        return query.ToQueryString();
    }

    private static void Add(QueryBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(name, value);
        }
    }
}
