namespace Cdc.Deployment.Tests;

/// <summary>The chart's template files (templates/**), read as text: there is no helm binary here to render them.</summary>
internal static class ChartTemplates
{
    public static string TemplatesDirectory => Path.Combine(ChartValues.ChartDirectory, "templates");

    /// <summary>Every template file, as (path relative to templates/, text).</summary>
    public static IReadOnlyList<(string Name, string Text)> All() =>
        Directory.GetFiles(TemplatesDirectory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(TemplatesDirectory, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToArray();

    public static string Read(string name) => File.ReadAllText(Path.Combine(TemplatesDirectory, name));
}
