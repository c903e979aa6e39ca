using System.Globalization;
using System.Text;

namespace Assist.Bench;

/// <summary>A Markdown table, so the output can be pasted into a report as is.</summary>
internal sealed class ResultTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params object[] cells) =>
        _rows.Add(cells.Select(c => c switch
        {
            double d => d.ToString("N0", CultureInfo.InvariantCulture),
            long or int => string.Format(CultureInfo.InvariantCulture, "{0:N0}", c),
            _ => Convert.ToString(c, CultureInfo.InvariantCulture) ?? string.Empty,
        }).ToArray());

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.Append("| ").AppendJoin(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).Append(" |\n");
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        _rows.ForEach(Line);
        return text.ToString();
    }
}
