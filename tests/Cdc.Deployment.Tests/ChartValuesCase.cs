namespace Cdc.Deployment.Tests;

/// <summary>values.yaml, then <see cref="Files"/> (chart-relative, as with helm -f), then <see cref="Mutations"/>.</summary>
internal sealed record ChartValuesCase(string Name, IReadOnlyList<string> Files, IReadOnlyList<ValuesMutation> Mutations)
{
    public ChartValuesCase(string name, params string[] files)
        : this(name, files, [])
    {
    }

    public static ChartValuesCase Mutated(string name, params ValuesMutation[] mutations) => new(name, [], mutations);
}
