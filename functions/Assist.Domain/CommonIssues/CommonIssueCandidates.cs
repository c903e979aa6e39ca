using System.Globalization;
using System.Text;

namespace Assist.Domain.CommonIssues;

/// <summary>A ticket as the suggestions see it: what it is about, where, when, and whether it is open or grouped already.</summary>
public sealed record CandidateTicket(string Number, string Title, string Topic, string? District, DateTimeOffset ReceivedAt, bool Open, string? CommonIssueId);

/// <summary>A ticket suggested beside another, with how alike their titles are (0–1).</summary>
public sealed record Candidate(CandidateTicket Ticket, double Similarity);

/// <summary>
/// Which tickets describe the same problem (共性问题), for a supervisor to confirm: open, not grouped yet, same topic
/// and district, received within a window of each other, with similar titles. Title similarity is the Dice
/// coefficient of the titles' character bigrams after dropping punctuation and spaces — Chinese titles have no word
/// boundaries, and two characters are the shortest unit that still carries meaning ("贷款", "审批"). Pure.
/// </summary>
public static class CommonIssueCandidates
{
    /// <summary>Titles at least this alike are suggested (tuned on the seeded and demo titles; a supervisor confirms every group).</summary>
    public const double DefaultThreshold = 0.45;

    /// <summary>Tickets this far apart in receipt are not suggested together.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    public static double TitleSimilarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = Bigrams(a);
        var y = Bigrams(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return Normalize(a) is { Length: > 0 } left && left == Normalize(b) ? 1 : 0;
        }

        var shared = 0;
        var pool = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gram in y)
        {
            pool[gram] = pool.GetValueOrDefault(gram) + 1;
        }

        foreach (var gram in x)
        {
            if (pool.GetValueOrDefault(gram) is > 0 and var left)
            {
                shared++;
                pool[gram] = left - 1;
            }
        }

        return 2.0 * shared / (x.Count + y.Count);
    }

    /// <summary>The open, ungrouped tickets like <paramref name="target"/>, most alike first.</summary>
    public static IReadOnlyList<Candidate> Like(CandidateTicket target, IEnumerable<CandidateTicket> others, TimeSpan? window = null, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(others);
        var span = window ?? DefaultWindow;
        return [.. others
            .Where(o => o.Number != target.Number && Comparable(target, o, span))
            .Select(o => new Candidate(o, TitleSimilarity(target.Title, o.Title)))
            .Where(c => c.Similarity >= threshold)
            .OrderByDescending(c => c.Similarity)
            .ThenBy(c => c.Ticket.ReceivedAt)
            .ThenBy(c => c.Ticket.Number, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Groups of two or more open, ungrouped tickets that look like one problem, largest first: each group gathers the
    /// tickets alike to its oldest ticket (a ticket joins one group only).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<CandidateTicket>> Groups(IEnumerable<CandidateTicket> tickets, TimeSpan? window = null, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var open = tickets.Where(t => t.Open && t.CommonIssueId is null).OrderBy(t => t.ReceivedAt).ThenBy(t => t.Number, StringComparer.Ordinal).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<CandidateTicket>>();
        foreach (var seed in open)
        {
            if (taken.Contains(seed.Number))
            {
                continue;
            }

            var members = Like(seed, open.Where(t => !taken.Contains(t.Number)), window, threshold).Select(c => c.Ticket).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            members.Insert(0, seed);
            taken.UnionWith(members.Select(m => m.Number));
            groups.Add(members);
        }

        return [.. groups.OrderByDescending(g => g.Count).ThenBy(g => g[0].ReceivedAt)];
    }

    private static bool Comparable(CandidateTicket target, CandidateTicket other, TimeSpan window) =>
        other.Open
        && other.CommonIssueId is null
        && string.Equals(other.Topic, target.Topic, StringComparison.Ordinal)
        && string.Equals(other.District, target.District, StringComparison.Ordinal)
        && (other.ReceivedAt - target.ReceivedAt).Duration() <= window;

    private static List<string> Bigrams(string title)
    {
        var text = Normalize(title);
        var grams = new List<string>(Math.Max(0, text.Length - 1));
        var elements = StringInfo.GetTextElementEnumerator(text);
        string? previous = null;
        while (elements.MoveNext())
        {
            var current = elements.GetTextElement();
            if (previous is not null)
            {
                grams.Add(previous + current);
            }

            previous = current;
        }

        return grams;
    }

    /// <summary>Letters and digits only (CJK ideographs are letters), lower-cased, full-width forms folded.</summary>
    private static string Normalize(string title)
    {
        var folded = title.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
