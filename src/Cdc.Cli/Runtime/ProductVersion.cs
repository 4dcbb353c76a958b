using System.Reflection;

namespace Cdc.Cli.Runtime;

internal static class ProductVersion
{
    /// <summary>The informational version without the "+commit" suffix the SDK appends for source link.</summary>
    public static string Value { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(ProductVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
