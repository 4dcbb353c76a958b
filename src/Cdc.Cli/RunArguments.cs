namespace Cdc.Cli;

/// <summary>The parsed command line of `cdc run`.</summary>
internal sealed class RunArguments
{
    private RunArguments(string? configPath, IReadOnlyList<string> setArguments, bool help, bool printConfig = false)
    {
        ConfigPath = configPath;
        SetArguments = setArguments;
        Help = help;
        PrintConfig = printConfig;
    }

    public const string Usage =
        "usage: cdc run --config FILE [--set key=value]… [--print-config]\n" +
        "  Runs the connector: reads the MongoDB change stream, publishes every event to Kafka and commits its position\n" +
        "  once Kafka acknowledged it. Stops on SIGTERM/SIGINT after flushing (exit 0); exit 1 on a failure restarting cannot fix.\n" +
        "  --print-config  print the effective configuration (file, CDC__ environment and --set applied; secrets masked)\n" +
        "                  as JSON on stdout and exit without connecting.\n";

    public string? ConfigPath { get; }

    public IReadOnlyList<string> SetArguments { get; }

    public bool Help { get; }

    /// <summary>--print-config: show the configuration `run` would use, secrets masked, and exit.</summary>
    public bool PrintConfig { get; }

    /// <returns>The arguments, or null with <paramref name="error"/> set for a usage error.</returns>
    public static RunArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? config = null;
        var printConfig = false;
        var sets = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                error = null;
                return new RunArguments(null, [], help: true);
            }

            if (arg == "--print-config")
            {
                printConfig = true;
                continue;
            }

            if (arg is "--config" or "--set")
            {
                if (i + 1 >= args.Count)
                {
                    error = $"{arg} needs a value.";
                    return null;
                }

                var value = args[++i];
                if (arg == "--config")
                {
                    config = value;
                }
                else
                {
                    sets.Add(value);
                }
            }
            else if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                config = arg["--config=".Length..];
            }
            else if (arg.StartsWith("--set=", StringComparison.Ordinal))
            {
                sets.Add(arg["--set=".Length..]);
            }
            else
            {
                error = arg.StartsWith('-') ? $"unknown option '{arg}'." : $"unexpected argument '{arg}'.";
                return null;
            }
        }

        error = null;
        return new RunArguments(config, sets, help: false, printConfig);
    }
}
