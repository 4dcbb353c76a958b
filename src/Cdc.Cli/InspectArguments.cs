namespace Cdc.Cli;

/// <summary>The parsed command line of `cdc inspect`.</summary>
internal sealed class InspectArguments
{
    private InspectArguments(string? configPath, IReadOnlyList<string> setArguments, string input, bool help)
    {
        ConfigPath = configPath;
        SetArguments = setArguments;
        Input = input;
        Help = help;
    }

    public string? ConfigPath { get; }

    public IReadOnlyList<string> SetArguments { get; }

    /// <summary>A file path, or "-" for stdin.</summary>
    public string Input { get; }

    public bool Help { get; }

    public const string Usage =
        "usage: cdc inspect [--config FILE] [--set key=value]… FILE|-\n" +
        "  Maps one change event (MongoDB Extended JSON, canonical or relaxed; '-' reads stdin) with the settings of\n" +
        "  `cdc run` and prints the Kafka topic, schemas, Avro key/value (base64) and their decoded JSON.\n";

    /// <returns>The arguments, or null with <paramref name="error"/> set for a usage error.</returns>
    public static InspectArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? config = null;
        string? input = null;
        var sets = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                error = null;
                return new InspectArguments(null, [], "-", help: true);
            }

            if (arg is "--config" or "--set")
            {
                if (i + 1 >= args.Count)
                {
                    error = $"{arg} needs a value.";
                    return null;
                }

                var optionValue = args[++i];
                if (arg == "--config")
                {
                    config = optionValue;
                }
                else
                {
                    sets.Add(optionValue);
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
            else if (arg.Length > 1 && arg[0] == '-')
            {
                error = $"unknown option '{arg}'.";
                return null;
            }
            else if (input is null)
            {
                input = arg;
            }
            else
            {
                error = $"only one input is allowed, got '{input}' and '{arg}'.";
                return null;
            }
        }

        if (input is null)
        {
            error = "missing input: give a file holding one change event, or '-' for stdin.";
            return null;
        }

        error = null;
        return new InspectArguments(config, sets, input, help: false);
    }
}
