using System.Globalization;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Tickets;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// Reads the search parameters of the staff lists from the query string, the same way for the API and the pages, so a
/// bad value is refused by name in both (the API as a problem naming the field, a page as a 400 page saying why).
/// </summary>
public static class StaffListQuery
{
    /// <summary>
    /// <c>q</c> (a ticket number, a credit code or a part of the enterprise's name), <c>officer</c> (an officer's id) and
    /// <c>status</c> (a <see cref="TicketStatus"/> name); each optional, blank meaning absent.
    /// </summary>
    public static QueryProblem? ReadSearch(IQueryCollection query, out TicketSearch search)
    {
        ArgumentNullException.ThrowIfNull(query);
        search = TicketSearch.None;
        var text = query["q"].ToString().Trim();
        if (text.Length > 0 && !TicketSearch.IsAcceptableText(text))
        {
            return new QueryProblem(
                "q",
                $"q is a ticket number, a credit code or part of an enterprise name: at most {TicketSearch.MaxTextLength} characters, no control characters.",
                $"查询内容应为工单编号、统一社会信用代码或企业名称的一部分，不超过 {TicketSearch.MaxTextLength} 个字符，且不含控制字符。");
        }

        var officer = query["officer"].ToString().Trim();
        if (officer.Length > 0 && !TicketSearch.IsAcceptableOfficerId(officer))
        {
            return new QueryProblem(
                "officer",
                $"officer is an officer's id: at most {TicketSearch.MaxOfficerIdLength} characters, no spaces or control characters.",
                $"承办人应为工作人员账号，不超过 {TicketSearch.MaxOfficerIdLength} 个字符，且不含空格或控制字符。");
        }

        TicketStatus? status = null;
        var statusText = query["status"].ToString().Trim();
        if (statusText.Length > 0)
        {
            // Names only: Enum.TryParse would also take "3" or "1,2".
            if (!Enum.GetNames<TicketStatus>().Contains(statusText, StringComparer.OrdinalIgnoreCase))
            {
                return new QueryProblem(
                    "status",
                    "status is one of " + string.Join(", ", Enum.GetNames<TicketStatus>()) + ".",
                    "状态应为以下之一：" + string.Join("、", Enum.GetNames<TicketStatus>()) + "。");
            }

            status = Enum.Parse<TicketStatus>(statusText, ignoreCase: true);
        }

        search = new TicketSearch
        {
            Text = text.Length == 0 ? null : text,
            OfficerId = officer.Length == 0 ? null : officer,
            Status = status,
        };
        return null;
    }

    /// <summary>The inbox's <c>q</c> (a ticket number) and <c>unread</c> (<c>true</c>: only unread ones).</summary>
    public static QueryProblem? ReadNotificationSearch(IQueryCollection query, out NotificationSearch search)
    {
        ArgumentNullException.ThrowIfNull(query);
        search = NotificationSearch.None;
        var ticket = query["q"].ToString().Trim();
        if (ticket.Length > 0 && !TicketNumbers.IsPlausible(ticket))
        {
            return new QueryProblem("q", "q is a ticket number (letters, digits and hyphens).", "工单编号只能包含字母、数字和连字符。");
        }

        var unreadText = query["unread"].ToString().Trim();
        if (unreadText.Length > 0 && !bool.TryParse(unreadText, out _))
        {
            return new QueryProblem("unread", "unread is true or false.", "unread 应为 true 或 false。");
        }

        search = new NotificationSearch(ticket.Length == 0 ? null : ticket.ToUpperInvariant(), unreadText.Length > 0 && bool.Parse(unreadText));
        return null;
    }

    /// <summary>
    /// The <c>pageSize</c> query value, <see cref="ReadModelStore.DefaultPageSize"/> when absent; null when it is not a
    /// whole number from 1 to <paramref name="max"/>. Parsed here rather than bound, so "pageSize=abc" is answered like any
    /// other bad page size, by name.
    /// </summary>
    public static int? PageSize(IQueryCollection query, int max)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query["pageSize"].ToString();
        if (text.Length == 0)
        {
            return ReadModelStore.DefaultPageSize;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1 && size <= max ? size : null;
    }

    /// <summary>The continuation token, null when absent or blank.</summary>
    public static string? ContinuationToken(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var token = query["continuationToken"].ToString();
        return token.Length == 0 ? null : token;
    }
}
