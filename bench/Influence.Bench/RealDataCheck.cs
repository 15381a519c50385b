namespace Influence.Bench;

/// <summary>Structural checks of the model's roles on real follow graphs in ../shared/data.</summary>
public static class RealDataCheck
{
    public sealed record Report(string DataSet, string Message);

    public static List<Report> RunAll(string dataDirectory) => [];
}
