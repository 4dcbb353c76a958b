namespace Cdc.Cli;

/// <summary>The parsed command line of `cdc check`.</summary>
internal sealed class CheckArguments
{
    private const int MaxTimeoutSeconds = 300;

    private CheckArguments(string? configPath, IReadOnlyList<string> setArguments, bool json, TimeSpan? timeout, bool help)
    {
        ConfigPath = configPath;
        SetArguments = setArguments;
        Json = json;
        Timeout = timeout;
        Help = help;
    }

    public const string Usage =
        "usage: cdc check [--config FILE] [--set key=value]… [--json] [--timeout SECONDS]\n" +
        "  Validates the configuration (file, CDC__ environment variables, --set) as `cdc run` does, then checks MongoDB,\n" +
        "  Kafka, the Schema Registry and the checkpoint store, one line per check: PASS, WARN or FAIL with the fix.\n" +
        "  Each check gives up after --timeout seconds (default 10).\n" +
        "  --json prints one object {\"checks\":[{\"area\",\"name\",\"status\",\"detail\",\"fix\"}],\"ok\":…} instead of the lines.\n" +
        "  Exit 0 when nothing failed (warnings allowed), 1 on any failure, 2 on wrong usage.\n";

    public string? ConfigPath { get; }

    public IReadOnlyList<string> SetArguments { get; }

    public bool Json { get; }

    /// <summary>The limit of each check; null for the default.</summary>
    public TimeSpan? Timeout { get; }

    public bool Help { get; }

    /// <returns>The arguments, or null with <paramref name="error"/> set for a usage error.</returns>
    public static CheckArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var configuration = new ConfigurationArguments();
        var json = false;
        TimeSpan? timeout = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inlineValue) = OptionSyntax.Split(arg);
            switch (name)
            {
                case "-h" or "--help":
                    error = null;
                    return new CheckArguments(null, [], json: false, null, help: true);
                case "--json" when inlineValue is null:
                    json = true;
                    continue;
                case "--config" or "--set" or "--timeout":
                    break;
                default:
                    error = arg.StartsWith('-') ? $"unknown option '{arg}'." : $"unexpected argument '{arg}'.";
                    return null;
            }

            if (!OptionSyntax.TryTakeValue(args, ref i, name, inlineValue, out var value, out error))
            {
                return null;
            }

            if (configuration.Take(name, value))
            {
                continue;
            }

            if (OptionSyntax.TryParseSeconds(value, MaxTimeoutSeconds, out var seconds, out error))
            {
                timeout = seconds;
            }
            else
            {
                return null;
            }
        }

        error = null;
        return new CheckArguments(configuration.ConfigPath, configuration.SetArguments, json, timeout, help: false);
    }
}
