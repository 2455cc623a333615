using System.Globalization;
using System.Security;
using System.Text;

namespace Qml.Learning.Reports;

/// <summary>One named line of a <see cref="SvgChart.Line"/> chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

/// <summary>
/// Standalone SVG charts written by hand (no packages): line charts with axes, ticks and a
/// legend, a predicted-against-true scatter and a confusion-matrix heat map. Each result is a
/// complete document that opens in any browser; non-finite points are skipped.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 420;
    private const int Left = 70;
    private const int Right = 150;
    private const int Top = 40;
    private const int Bottom = 55;
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    /// <summary>Lines through each series' points, in series order, with a legend on the right.</summary>
    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var (xMin, xMax) = Range(points.Select(p => p.X));
        var (yMin, yMax) = Range(points.Select(p => p.Y));
        var svg = Begin(title);
        var plot = Axes(svg, xMin, xMax, yMin, yMax, xLabel, yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var colour = Palette[i % Palette.Length];
            var visible = series[i].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            if (visible.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"");
                svg.AppendJoin(' ', visible.Select(p => F(plot.X(p.X)) + "," + F(plot.Y(p.Y))));
                svg.Append("\"/>\n");
            }

            foreach (var p in visible)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(plot.X(p.X))}\" cy=\"{F(plot.Y(p.Y))}\" r=\"2.5\" fill=\"{colour}\"/>\n");
            }

            var legendY = Top + 10 + (i * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\"><line x1=\"{Width - Right + 15}\" y1=\"{legendY}\" x2=\"{Width - Right + 35}\" y2=\"{legendY}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 40}\" y=\"{legendY + 4}\" font-size=\"12\">{Escape(series[i].Name)}</text></g>\n");
        }

        return End(svg);
    }

    /// <summary>Predicted against true values with the y = x diagonal (a perfect model lies on it).</summary>
    public static string Scatter(string title, IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"{actual.Count} true values but {predicted.Count} predictions.", nameof(predicted));
        }

        var pairs = actual.Zip(predicted).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToList();
        var (min, max) = Range(pairs.SelectMany(p => new[] { p.First, p.Second }));
        var svg = Begin(title);
        var plot = Axes(svg, min, max, min, max, "true", "predicted");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"diagonal\" x1=\"{F(plot.X(min))}\" y1=\"{F(plot.Y(min))}\" x2=\"{F(plot.X(max))}\" y2=\"{F(plot.Y(max))}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n");
        foreach (var (t, p) in pairs)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"point\" cx=\"{F(plot.X(t))}\" cy=\"{F(plot.Y(p))}\" r=\"3\" fill=\"{Palette[0]}\" fill-opacity=\"0.6\"/>\n");
        }

        return End(svg);
    }

    /// <summary>A heat map of counts[true, predicted] with the count in each cell; rows are true classes.</summary>
    public static string ConfusionMatrix(string title, int[,] counts, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        var n = counts.GetLength(0);
        if (counts.GetLength(1) != n || classNames.Count != n || n == 0)
        {
            throw new ArgumentException($"a confusion matrix is square with one name per class; got {counts.GetLength(0)}×{counts.GetLength(1)} and {classNames.Count} names.", nameof(counts));
        }

        var svg = Begin(title);
        var size = Math.Min(Width - Left - Right, Height - Top - Bottom);
        var cell = (double)size / n;
        var max = Math.Max(1, counts.Cast<int>().Max());
        for (var r = 0; r < n; r++)
        {
            var rowTotal = Enumerable.Range(0, n).Sum(c => counts[r, c]);
            for (var c = 0; c < n; c++)
            {
                var share = (double)counts[r, c] / max;
                var x = Left + (c * cell);
                var y = Top + (r * cell);
                var shade = (int)Math.Round(255 - (share * 200));
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"cell\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(cell)}\" height=\"{F(cell)}\" fill=\"rgb({shade},{shade},255)\" stroke=\"#fff\"><title>true {Escape(classNames[r])}, predicted {Escape(classNames[c])}: {counts[r, c]} of {rowTotal}</title></rect>\n");
                var ink = share > 0.6 ? "#fff" : "#000";
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + (cell / 2))}\" y=\"{F(y + (cell / 2) + 5)}\" text-anchor=\"middle\" font-size=\"{F(Math.Clamp(cell / 3, 8, 16))}\" fill=\"{ink}\">{counts[r, c]}</text>\n");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(Top + (r * cell) + (cell / 2) + 4)}\" text-anchor=\"end\" font-size=\"11\">{Escape(classNames[r])}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + (r * cell) + (cell / 2))}\" y=\"{F(Top + size + 16)}\" text-anchor=\"middle\" font-size=\"11\">{Escape(classNames[r])}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + (size / 2.0))}\" y=\"{Top + size + 38}\" text-anchor=\"middle\" font-size=\"13\">predicted</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16,{F(Top + (size / 2.0))}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">true</text>\n");
        return End(svg);
    }

    /// <summary>About five round tick values covering [min, max].</summary>
    internal static IReadOnlyList<double> Ticks(double min, double max)
    {
        var span = max - min;
        var raw = span / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(min / step) * step; t <= max + (step * 1e-9); t += step)
        {
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }

        return ticks;
    }

    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0)
        {
            return (0, 1);
        }

        double min = list.Min(), max = list.Max();
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            return (min - 0.5, max + 0.5);
        }

        var pad = (max - min) * 0.05;
        return (min - pad, max + pad);
    }

    private static StringBuilder Begin(string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>\n<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">{Escape(title)}</text>\n");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    private static PlotArea Axes(StringBuilder svg, double xMin, double xMax, double yMin, double yMax, string xLabel, string yLabel)
    {
        var plot = new PlotArea(xMin, xMax, yMin, yMax);
        int x0 = Left, x1 = Width - Right, y0 = Height - Bottom, y1 = Top;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"axes\" stroke=\"#000\"><line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y0}\"/><line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x0}\" y2=\"{y1}\"/></g>\n");
        foreach (var t in Ticks(xMin, xMax))
        {
            var x = plot.X(t);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"tick x\"><line x1=\"{F(x)}\" y1=\"{y0}\" x2=\"{F(x)}\" y2=\"{y0 + 5}\" stroke=\"#000\"/><line x1=\"{F(x)}\" y1=\"{y0}\" x2=\"{F(x)}\" y2=\"{y1}\" stroke=\"#eee\"/><text x=\"{F(x)}\" y=\"{y0 + 18}\" text-anchor=\"middle\" font-size=\"11\">{Label(t)}</text></g>\n");
        }

        foreach (var t in Ticks(yMin, yMax))
        {
            var y = plot.Y(t);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"tick y\"><line x1=\"{x0 - 5}\" y1=\"{F(y)}\" x2=\"{x0}\" y2=\"{F(y)}\" stroke=\"#000\"/><line x1=\"{x0}\" y1=\"{F(y)}\" x2=\"{x1}\" y2=\"{F(y)}\" stroke=\"#eee\"/><text x=\"{x0 - 8}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"11\">{Label(t)}</text></g>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(x0 + x1) / 2}\" y=\"{Height - 15}\" text-anchor=\"middle\" font-size=\"13\">{Escape(xLabel)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16,{(y0 + y1) / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">{Escape(yLabel)}</text>\n");
        return plot;
    }

    private static string Label(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;

    private sealed record PlotArea(double XMin, double XMax, double YMin, double YMax)
    {
        public double X(double x) => Left + ((x - XMin) / (XMax - XMin) * (Width - Left - Right));

        public double Y(double y) => Height - Bottom - ((y - YMin) / (YMax - YMin) * (Height - Top - Bottom));
    }
}
