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

    /// <summary>
    /// The value of option <paramref name="name"/>: its inline value, else the next argument (advancing
    /// <paramref name="index"/>); false with <paramref name="error"/> when there is none.
    /// </summary>
    public static bool TryTakeValue(IReadOnlyList<string> args, ref int index, string name, string? inlineValue, out string value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        error = null;
        if (inlineValue is not null)
        {
            value = inlineValue;
            return true;
        }

        if (index + 1 >= args.Count)
        {
            value = string.Empty;
            error = $"{name} needs a value.";
            return false;
        }

        value = args[++index];
        return true;
    }

    /// <summary>A --timeout value: whole seconds from 1 to <paramref name="maxSeconds"/>; false with the usage error otherwise.</summary>
    public static bool TryParseSeconds(string value, int maxSeconds, out TimeSpan timeout, out string? error)
    {
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 1 && seconds <= maxSeconds)
        {
            timeout = TimeSpan.FromSeconds(seconds);
            error = null;
            return true;
        }

        timeout = default;
        error = $"--timeout must be a whole number of seconds from 1 to {maxSeconds}, not '{value}'.";
        return false;
    }
}
