namespace Cdc.Cli;

/// <summary>The parsed command line of `cdc snapshot`.</summary>
internal sealed class SnapshotArguments
{
    private const int MaxTimeoutSeconds = 7 * 24 * 3600;

    private SnapshotArguments(string? configPath, IReadOnlyList<string> setArguments, IReadOnlyList<string> namespaces, bool wait, TimeSpan timeout, bool help)
    {
        ConfigPath = configPath;
        SetArguments = setArguments;
        Namespaces = namespaces;
        Wait = wait;
        Timeout = timeout;
        Help = help;
    }

    public const string Usage =
        "usage: cdc snapshot --config FILE [--set key=value]… [--wait [--timeout SECONDS]] DATABASE.COLLECTION…\n" +
        "  Asks the running `cdc run` of this configuration's pipeline to snapshot these collections again, while its change\n" +
        "  stream runs (docs/snapshots.md). The request is written beside the checkpoint, in the checkpoint store, so only who\n" +
        "  may write the pipeline's checkpoint may ask; the connector takes it within seconds and removes it once its plan is\n" +
        "  committed. Progress: `cdc check` (checkpoint: snapshot) and the cdc_snapshot_* metrics.\n" +
        "  --wait stays until the connector took the request and every collection's snapshot is committed complete,\n" +
        "  printing its progress; --timeout (default 3600) bounds the wait.\n" +
        "  Exit 0 when requested (or, with --wait, done), 1 on a failure or timeout, 2 on wrong usage.\n";

    public string? ConfigPath { get; }

    public IReadOnlyList<string> SetArguments { get; }

    /// <summary>"db.coll" as given.</summary>
    public IReadOnlyList<string> Namespaces { get; }

    public bool Wait { get; }

    public TimeSpan Timeout { get; }

    public bool Help { get; }

    /// <returns>The arguments, or null with <paramref name="error"/> set for a usage error.</returns>
    public static SnapshotArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var configuration = new ConfigurationArguments();
        var namespaces = new List<string>();
        var wait = false;
        var timeout = TimeSpan.FromHours(1);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inlineValue) = OptionSyntax.Split(arg);
            switch (name)
            {
                case "-h" or "--help":
                    error = null;
                    return new SnapshotArguments(null, [], [], wait: false, timeout, help: true);
                case "--wait" when inlineValue is null:
                    wait = true;
                    continue;
                case "--config" or "--set" or "--timeout":
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        error = $"unknown option '{arg}'.";
                        return null;
                    }

                    namespaces.Add(arg);
                    continue;
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

        if (namespaces.Count == 0)
        {
            error = "name at least one collection to snapshot, as DATABASE.COLLECTION.";
            return null;
        }

        error = null;
        return new SnapshotArguments(configuration.ConfigPath, configuration.SetArguments, namespaces, wait, timeout, help: false);
    }
}
