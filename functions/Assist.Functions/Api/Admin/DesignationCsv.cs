using System.Globalization;
using System.Text;
using Assist.Domain.Organization;
using Assist.Domain.Validation;

namespace Assist.Functions.Api.Admin;

/// <summary>
/// Reads a designated-officer (驻企特派员) import: a header naming <c>creditCode</c> and <c>officerId</c> (any order, any
/// case; other columns such as the enterprise's name are ignored, so a list kept in a spreadsheet imports as is),
/// then one enterprise per line. Every row is checked before anything is stored, and every problem is reported
/// under <c>line {n}.{field}</c> (n counts lines of the file, the header being line 1).
/// </summary>
public static class DesignationCsv
{
    public const int MaxRows = 5000;

    public sealed record Result(IReadOnlyList<DesignatedOfficer> Designations, IReadOnlyList<FieldError> Errors);

    public static string FieldOf(int line, string field) => string.Create(CultureInfo.InvariantCulture, $"line {line}.{field}");

    public static Result Read(string text, OrganizationDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(directory);
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var errors = new List<FieldError>();
        var designations = new List<DesignatedOfficer>();
        var header = lines.Count > 0 ? Split(lines[0]).Select(h => h.Trim()).ToList() : [];
        var codeColumn = header.FindIndex(h => string.Equals(h, DesignatedOfficer.Fields.CreditCode, StringComparison.OrdinalIgnoreCase));
        var officerColumn = header.FindIndex(h => string.Equals(h, DesignatedOfficer.Fields.OfficerId, StringComparison.OrdinalIgnoreCase));
        if (codeColumn < 0 || officerColumn < 0)
        {
            errors.Add(new FieldError(FieldOf(1, "header"), "csv.header", "Line 1 must be a header naming the columns creditCode and officerId.", "第1行须为列名行，包含 creditCode 和 officerId 两列。"));
            return new([], errors);
        }

        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = i + 1;
            if (designations.Count + errors.Count >= MaxRows)
            {
                errors.Add(new FieldError(FieldOf(line, "body"), "csv.too-many-rows", $"At most {MaxRows} rows can be imported at once.", $"一次最多导入{MaxRows}行。"));
                break;
            }

            var cells = Split(lines[i]);
            var creditCode = Cell(cells, codeColumn);
            var officerId = Cell(cells, officerColumn);
            var rowErrors = DesignatedOfficer.Check(creditCode, officerId, directory);
            if (rowErrors.Count == 0 && firstLine.TryGetValue(creditCode!, out var earlier))
            {
                rowErrors = [new FieldError(DesignatedOfficer.Fields.CreditCode, "credit-code.duplicate", $"'{creditCode}' is already on line {earlier}.", $"“{creditCode}”已在第{earlier}行出现。")];
            }

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors.Select(e => e with
                {
                    Field = FieldOf(line, e.Field),
                    Message = string.Create(CultureInfo.InvariantCulture, $"Line {line}: {e.Message}"),
                    MessageZh = string.Create(CultureInfo.InvariantCulture, $"第{line}行：{e.MessageZh}"),
                }));
                continue;
            }

            firstLine[creditCode!] = line;
            designations.Add(new DesignatedOfficer(creditCode!, officerId!));
        }

        if (errors.Count == 0 && designations.Count == 0)
        {
            errors.Add(new FieldError(FieldOf(2, "body"), "csv.empty", "The file lists no designation after its header.", "文件在列名行之后没有任何数据。"));
        }

        return new(errors.Count > 0 ? [] : designations, errors);
    }

    private static string? Cell(List<string> cells, int column) => column < cells.Count ? cells[column].Trim() : null;

    /// <summary>One CSV line (RFC 4180 quoting, without line breaks inside quotes: names and codes never have them).</summary>
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
