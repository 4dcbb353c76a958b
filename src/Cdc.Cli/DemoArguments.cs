using System.Globalization;
using Cdc.Demo;

namespace Cdc.Cli;

/// <summary>The parsed command line of `cdc demo`.</summary>
internal sealed record DemoArguments
{
    public const int MaxDurationSeconds = 7 * 24 * 3600;

    public const int MaxRate = 5_000;

    public const string Usage =
        "usage: cdc demo [--duration SECONDS] [--rate WRITES_PER_SECOND] [--json] [--keep] [--typed]\n" +
        "  Starts the local MongoDB, Kafka and Schema Registry stand-ins, fills the shop with a few thousand documents,\n" +
        "  starts the connector on them (it publishes those as a snapshot first, then the changes), a shop application\n" +
        "  writing customers, orders and payments (inserts, updates, deletes, transactions), and a consumer decoding\n" +
        "  every record through the Schema Registry; shows a live view of the snapshot, events/s, lag, latency and\n" +
        "  the last records.\n" +
        "  Runs until Ctrl-C (or SIGTERM) or for --duration seconds, then stops everything gracefully.\n" +
        "  --duration SECONDS   stop after this many seconds (1..604800)\n" +
        "  --rate N             the workload's steady writes per second (1..5000, default 200; bursts come on top)\n" +
        "  --json               no live view: print one JSON summary on stdout at the end\n" +
        "  --typed              publish typed values (mapping.value=document: each document as an Avro record of its\n" +
        "                       fields, docs/typed-values.md) instead of the envelope\n" +
        "  --keep               after the summary, keep the sandbox with the run's data (its endpoints are printed on\n" +
        "                       stderr) until the next Ctrl-C or SIGTERM, to read the topics with your own tools\n" +
        "  Exit 0 when every record was consumed and decoded and nothing failed; 1 otherwise; 2 for usage errors.\n";

    public TimeSpan? Duration { get; init; }

    public int Rate { get; init; } = WorkloadSettings.DefaultOperationsPerSecond;

    public bool Json { get; init; }

    /// <summary>Typed values (mapping.value=document) instead of the envelope.</summary>
    public bool Typed { get; init; }

    /// <summary>Keep the sandbox (and the run's data) up after the summary, until the next signal.</summary>
    public bool Keep { get; init; }

    public bool Help { get; init; }

    /// <returns>The arguments, or null with <paramref name="error"/> set for a usage error.</returns>
    public static DemoArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = new DemoArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inlineValue) = OptionSyntax.Split(arg);
            switch (name)
            {
                case "-h" or "--help":
                    error = null;
                    return new DemoArguments { Help = true };
                case "--json" when inlineValue is null:
                    parsed = parsed with { Json = true };
                    break;
                case "--keep" when inlineValue is null:
                    parsed = parsed with { Keep = true };
                    break;
                case "--typed" when inlineValue is null:
                    parsed = parsed with { Typed = true };
                    break;
                case "--duration" or "--rate":
                    var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                    if (value is null)
                    {
                        error = $"{name} needs a value.";
                        return null;
                    }

                    var maximum = name == "--duration" ? MaxDurationSeconds : MaxRate;
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > maximum)
                    {
                        error = $"{name} must be a whole number from 1 to {maximum}, not '{value}'.";
                        return null;
                    }

                    parsed = name == "--duration" ? parsed with { Duration = TimeSpan.FromSeconds(number) } : parsed with { Rate = number };
                    break;
                default:
                    error = arg.StartsWith('-') ? $"unknown option '{arg}'." : $"unexpected argument '{arg}'.";
                    return null;
            }
        }

        error = null;
        return parsed;
    }
}
