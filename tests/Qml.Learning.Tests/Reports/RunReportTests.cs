using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Qml.Learning.Reports;
using Qml.Learning.Tests.Training;
using Qml.Learning.Training;

namespace Qml.Learning.Tests.Reports;

public sealed class RunReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    public void A_classification_run_writes_metrics_files_and_standalone_svg_plots()
    {
        using var folder = new TempDirectory();
        var (model, data, card) = TinyMlp.Moons(seed: 1);
        new Trainer(model, new TrainingOptions { Epochs = 3, CheckpointDirectory = folder.Path }).Fit(data, card);

        var csv = File.ReadAllLines(folder.File(RunReport.MetricsCsv));
        Assert.That(csv[0], Is.EqualTo("epoch,train_loss,val_loss,train_accuracy,val_accuracy,learning_rate,seconds"));
        Assert.That(csv, Has.Length.EqualTo(4));
        Assert.That(double.Parse(csv[3].Split(',')[4], CultureInfo.InvariantCulture), Is.InRange(0, 1));

        using var json = JsonDocument.Parse(File.ReadAllText(folder.File(RunReport.MetricsJson)));
        Assert.That(json.RootElement.GetProperty("epochs").GetArrayLength(), Is.EqualTo(3));
        Assert.That(json.RootElement.GetProperty("final").GetProperty("test_accuracy").GetDouble(), Is.InRange(0, 1));

        var loss = XDocument.Load(folder.File(RunReport.LossPlot));
        Assert.That(loss.Root!.Name, Is.EqualTo(Svg + "svg"));
        Assert.That(loss.Descendants(Svg + "polyline").Count(), Is.EqualTo(2), "train and validation lines");
        Assert.That(loss.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "legend"), Is.EqualTo(2));
        Assert.That(loss.Descendants(Svg + "g").Count(g => ((string?)g.Attribute("class"))?.StartsWith("tick", StringComparison.Ordinal) == true), Is.GreaterThanOrEqualTo(4));
        Assert.That(XDocument.Load(folder.File(RunReport.MetricPlot)).Descendants(Svg + "polyline").Count(), Is.EqualTo(2));

        var confusion = XDocument.Load(folder.File(RunReport.ConfusionPlot));
        var cells = confusion.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "cell").ToList();
        Assert.That(cells, Has.Count.EqualTo(4));
        var counted = confusion.Descendants(Svg + "text").Where(t => t.Attribute("fill") is not null).Sum(t => int.Parse(t.Value, CultureInfo.InvariantCulture));
        Assert.That(counted, Is.EqualTo(data.Test.SampleCount));
    }

    [Test]
    public void The_regression_scatter_has_one_point_per_sample_and_the_diagonal()
    {
        var svg = XDocument.Parse(SvgChart.Scatter("fit", [1, 2, 3, double.NaN], [1.1, 1.9, 3.2, 4]));

        Assert.That(svg.Descendants(Svg + "circle").Count(), Is.EqualTo(3));
        Assert.That(svg.Descendants(Svg + "line").Count(l => (string?)l.Attribute("class") == "diagonal"), Is.EqualTo(1));
    }

    [Test]
    public void Titles_are_escaped_and_ticks_are_round_numbers()
    {
        var svg = XDocument.Parse(SvgChart.Line("a < b & \"c\"", "x", "y", [new ChartSeries("s<1>", [(0, 0.013), (1, 0.087)])]));

        Assert.That(svg.Descendants(Svg + "title").First().Value, Is.EqualTo("a < b & \"c\""));
        Assert.That(SvgChart.Ticks(0, 1), Is.EqualTo(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }).Within(1e-12));
        Assert.That(SvgChart.Ticks(0.0093, 0.0907), Is.EqualTo(new[] { 0.02, 0.04, 0.06, 0.08 }).Within(1e-12));
    }
}
