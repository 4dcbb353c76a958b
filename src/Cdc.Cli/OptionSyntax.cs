namespace Cdc.Cli;

/// <summary>The option spellings every verb accepts: <c>--name value</c> and <c>--name=value</c>.</summary>
internal static class OptionSyntax
{
    /// <summary>"--set=k=v" → ("--set", "k=v"); any other argument whole, with no inline value.</summary>
    public static (string Name, string? Value) Split(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 2)
            {
                return (arg[..equals], arg[(equals + 1)..]);
            }
        }

        return (arg, null);
    }
}
