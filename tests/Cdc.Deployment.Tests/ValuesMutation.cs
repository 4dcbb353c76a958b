namespace Cdc.Deployment.Tests;

/// <summary>Sets (or removes) the value at a dotted path of the values, e.g. "config.mongodb.bogus".</summary>
internal sealed record ValuesMutation(IReadOnlyList<string> Path, object? Value, bool Remove = false)
{
    public static ValuesMutation Set(string dottedPath, object? value) => new(dottedPath.Split('.'), value);

    public static ValuesMutation Delete(string dottedPath) => new(dottedPath.Split('.'), null, Remove: true);

    public override string ToString() => Remove ? $"remove {string.Join('.', Path)}" : $"{string.Join('.', Path)}={Value}";
}
