using System.Globalization;

namespace Cdc.Bench;

/// <summary>`Cdc.Bench [names…] [--json] [--events N] [--documents N] [--chunk-size N] [--parallelism N] [--cdc PATH] [--set key=value]…`.</summary>
internal sealed class BenchArguments
{
    private BenchArguments(IReadOnlyList<string> names, bool jsonOnly, IReadOnlyDictionary<string, int> counts, string? cdc, IReadOnlyList<string> settings)
    {
        Settings = settings;
        Names = names;
        JsonOnly = jsonOnly;
        Events = counts.TryGetValue("--events", out var events) ? events : null;
        Documents = counts.TryGetValue("--documents", out var documents) ? documents : null;
        ChunkSize = counts.TryGetValue("--chunk-size", out var chunkSize) ? chunkSize : null;
        Parallelism = counts.TryGetValue("--parallelism", out var parallelism) ? parallelism : null;
        OutageSeconds = counts.TryGetValue("--outage-seconds", out var outageSeconds) ? outageSeconds : null;
        Cdc = cdc;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Only the JSON lines on stdout, no human summary on stderr.</summary>
    public bool JsonOnly { get; }

    /// <summary>The `--events` count (for config: validations); null when not given, so each benchmark uses its own default.</summary>
    public int? Events { get; }

    /// <summary>The `--documents` count of the snapshot benchmark's collection; null when not given.</summary>
    public int? Documents { get; }

    /// <summary>The snapshot benchmark's `--chunk-size` (snapshot.chunkSize); null when not given.</summary>
    public int? ChunkSize { get; }

    /// <summary>The snapshot benchmark's `--parallelism` (snapshot.parallelism); null when not given.</summary>
    public int? Parallelism { get; }

    /// <summary>The e2e benchmark's `--outage-seconds` (how long every broker is down); null when not given.</summary>
    public int? OutageSeconds { get; }

    /// <summary>
    /// The `--cdc` path: a cdc.dll the catchup benchmark runs instead of this build's, and the snapshot benchmark runs
    /// beside this build's in each round (another build, side by side).
    /// </summary>
    public string? Cdc { get; }

    /// <summary>
    /// The e2e benchmark's `--set key=value` settings, passed to every `cdc run` it starts after its own (so a later one
    /// wins): to compare connector settings such as kafka.producer.linger.ms under the same load.
    /// </summary>
    public IReadOnlyList<string> Settings { get; }

    public const string Usage =
        "usage: Cdc.Bench [transcode|changestream|pipeline|e2e|catchup|config|snapshot|liveview|peer…] [--json] [--events N] [--cdc PATH/cdc.dll]\n" +
        "                 [--documents N] [--chunk-size N] [--parallelism N]   (snapshot only; --cdc: catchup and snapshot)   (no names: every benchmark)\n" +
        "                 [--outage-seconds S]   (e2e only: how long every broker is down, default 60)\n" +
        "                 [--set key=value]…   (e2e only: passed to each cdc run, e.g. --set kafka.producer.linger.ms=5)";

    /// <summary>The options that take a positive whole number.</summary>
    private static readonly string[] CountOptions = ["--events", "--documents", "--chunk-size", "--parallelism", "--outage-seconds"];

    public static BenchArguments? Parse(string[] args, IReadOnlyCollection<string> known, out string? error)
    {
        var names = new List<string>();
        var json = false;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? cdc = null;
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case var option when CountOptions.Contains(option):
                    if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
                    {
                        error = $"{option} needs a positive whole number.";
                        return null;
                    }

                    counts[option] = count;
                    break;
                case "--cdc":
                    if (i + 1 >= args.Length || !File.Exists(args[i + 1]))
                    {
                        error = "--cdc needs the path of an existing cdc.dll.";
                        return null;
                    }

                    cdc = args[++i];
                    break;
                case "--set":
                    if (i + 1 >= args.Length || args[i + 1].IndexOf('=', StringComparison.Ordinal) < 1)
                    {
                        error = "--set needs a connector setting as key=value (e.g. kafka.producer.linger.ms=5).";
                        return null;
                    }

                    settings.Add(args[++i]);
                    break;
                case var name when known.Contains(name):
                    names.Add(name);
                    break;
                default:
                    error = $"unknown benchmark or option '{args[i]}' (benchmarks: {string.Join(", ", known)}).";
                    return null;
            }
        }

        error = null;
        return new BenchArguments(names.Count == 0 ? [.. known] : names, json, counts, cdc, settings);
    }
}
