using System.Globalization;
using System.Xml.Linq;

namespace Assist.Functions.Api.Reports;

/// <summary>
/// A small server-rendered SVG: <c>role="img"</c> labelled by its <c>title</c> and described by its <c>desc</c>
/// (screen readers announce both), every mark with a text label, and text in the document (not drawn paths) so it
/// can be read, searched, printed and tested. Built with <see cref="XElement"/>, so text is always escaped.
/// </summary>
internal sealed class SvgChart
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly XElement _root;

    public SvgChart(string id, int width, int height, string title, string description)
    {
        Width = width;
        Height = height;
        _root = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"0 0 {width} {height}"),
            new XAttribute("width", width),
            new XAttribute("height", height),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("font-family", "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"),
            new XAttribute("font-size", 12),
            new XElement(Svg + "title", new XAttribute("id", id + "-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", id + "-desc"), description));
    }

    public int Width { get; }

    public int Height { get; }

    public void Text(double x, double y, string text, string anchor = "start", string? fill = null, int? size = null, string? cssClass = null)
    {
        var element = new XElement(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("text-anchor", anchor), text);
        if (fill is not null)
        {
            element.Add(new XAttribute("fill", fill));
        }

        if (size is not null)
        {
            element.Add(new XAttribute("font-size", size.Value));
        }

        if (cssClass is not null)
        {
            element.Add(new XAttribute("class", cssClass));
        }

        _root.Add(element);
    }

    public void Rect(double x, double y, double width, double height, string fill, string label, string? cssClass = null)
    {
        // The title is the mark's own accessible name (and a tooltip).
        var rect = new XElement(
            Svg + "rect",
            new XAttribute("x", F(x)),
            new XAttribute("y", F(y)),
            new XAttribute("width", F(Math.Max(0, width))),
            new XAttribute("height", F(Math.Max(0, height))),
            new XAttribute("fill", fill),
            new XElement(Svg + "title", label));
        if (cssClass is not null)
        {
            rect.Add(new XAttribute("class", cssClass));
        }

        _root.Add(rect);
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1)
    {
        _root.Add(new XElement(
            Svg + "line",
            new XAttribute("x1", F(x1)),
            new XAttribute("y1", F(y1)),
            new XAttribute("x2", F(x2)),
            new XAttribute("y2", F(y2)),
            new XAttribute("stroke", stroke),
            new XAttribute("stroke-width", F(width))));
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, string label)
    {
        _root.Add(new XElement(
            Svg + "polyline",
            new XAttribute("points", string.Join(' ', points.Select(p => $"{F(p.X)},{F(p.Y)}"))),
            new XAttribute("fill", "none"),
            new XAttribute("stroke", stroke),
            new XAttribute("stroke-width", 2),
            new XAttribute("class", "series"),
            new XElement(Svg + "title", label)));
    }

    public override string ToString() => _root.ToString(SaveOptions.DisableFormatting);

    private static string F(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
