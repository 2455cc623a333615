using Qml.Abstractions;
using Qml.Learning.Data;
using Qml.Learning.Data.Loaders;

namespace Qml.Learning.Tests.Data.Loaders;

public sealed class CsvDatasetLoaderTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void CreateFolder() => folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => folder.Dispose();

    [Test]
    public void ReadsFeaturesAndNamedClassLabels()
    {
        var path = Write("iris.csv", "sepal,petal,species\n5.1,1.4,setosa\n\n6.3,4.9,\"versi,color\"\n4.9,1.5e0,setosa\n");

        var data = CsvDatasetLoader.Load(path, new CsvOptions { LabelColumn = "species" });

        Assert.That(data.Name, Is.EqualTo("iris"));
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "sepal", "petal" }));
        Assert.That(data.Features, Is.EqualTo(new[] { 5.1, 1.4, 6.3, 4.9, 4.9, 1.5 }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "setosa", "versi,color" }));
        Assert.That(data.Labels, Is.EqualTo(new[] { 0, 1, 0 }));
    }

    [Test]
    public void IntegerLabelsKeepTheirValuesAndAColumnIndexSelectsThem()
    {
        var path = Write("digits.csv", "3;0.5;1\n6;0.25;0\n");

        var data = CsvDatasetLoader.Load(path, new CsvOptions { LabelColumn = "0", HasHeader = false, Delimiter = ';' });

        Assert.That(data.Labels, Is.EqualTo(new[] { 3, 6 }));
        Assert.That(data.ClassCount, Is.EqualTo(7));
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "c1", "c2" }));
    }

    [Test]
    public void RegressionTargetsAndUnlabelledFiles()
    {
        var path = Write("r.csv", "x,y\n1,2\n3,4\n");

        var regression = BuiltInDatasets.Load("csv", DatasetOptions.Parse([$"path={path}", "label=y", "task=regression"]));
        var unlabelled = CsvDatasetLoader.Load(path);

        Assert.That(regression.Targets, Is.EqualTo(new double[] { 2, 4 }));
        Assert.That(regression.Features, Is.EqualTo(new double[] { 1, 3 }));
        Assert.That(unlabelled.FeatureCount, Is.EqualTo(2));
        Assert.That(unlabelled.IsClassification || unlabelled.IsRegression, Is.False);
    }

    [Test]
    public void NonNumericCellNamesFileLineAndColumn()
    {
        var path = Write("bad.csv", "a,b,label\n1,2,x\n3,oops,y\n");

        var error = Assert.Throws<QmlException>(() => CsvDatasetLoader.Load(path, new CsvOptions { LabelColumn = "label" }));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("line 3").And.Contain("column 'b' (1)").And.Contain("'oops'"));
    }

    [Test]
    public void RowWithTheWrongFieldCountNamesItsLine()
    {
        var path = Write("ragged.csv", "a,b\n1,2\n\n3\n");

        var error = Assert.Throws<QmlException>(() => CsvDatasetLoader.Load(path));

        Assert.That(error!.Message, Does.Contain("line 4 has 1 fields; expected 2"));
    }

    [Test]
    public void UnknownLabelColumnListsTheColumns()
    {
        var path = Write("x.csv", "a,b\n1,2\n");

        var error = Assert.Throws<QmlException>(() => CsvDatasetLoader.Load(path, new CsvOptions { LabelColumn = "target" }));

        Assert.That(error!.Message, Does.Contain("no label column 'target'").And.Contain("a, b").And.Contain("0..1"));
    }

    [Test]
    public void UnterminatedQuoteAndEmptyFileAndMissingPathAreErrors()
    {
        Assert.That(
            Assert.Throws<QmlException>(() => CsvDatasetLoader.Load(Write("q.csv", "a,b\n1,\"2\n")))!.Message,
            Does.Contain("line 2 has an unterminated quoted field"));
        Assert.That(Assert.Throws<QmlException>(() => CsvDatasetLoader.Load(Write("e.csv", "a,b\n")))!.Message, Does.Contain("no data rows"));
        Assert.That(Assert.Throws<QmlException>(() => BuiltInDatasets.Load("csv"))!.Message, Does.Contain("path=FILE"));
        Assert.That(Assert.Throws<QmlException>(() => CsvDatasetLoader.Load(folder.File("none.csv")))!.Message, Does.Contain("not found"));
    }

    private string Write(string name, string text)
    {
        var path = folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
