using System.Globalization;

namespace Cdc.Bench;

/// <summary>`Cdc.Bench [names…] [--json] [--events N] [--cdc PATH]`.</summary>
internal sealed class BenchArguments
{
    private BenchArguments(IReadOnlyList<string> names, bool jsonOnly, int? events, string? cdc)
    {
        Names = names;
        JsonOnly = jsonOnly;
        Events = events;
        Cdc = cdc;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Only the JSON lines on stdout, no human summary on stderr.</summary>
    public bool JsonOnly { get; }

    /// <summary>The `--events` count (for config: validations); null when not given, so each benchmark uses its own default.</summary>
    public int? Events { get; }

    /// <summary>The `--cdc` path: a cdc.dll the catchup benchmark runs instead of this build's (another build, side by side).</summary>
    public string? Cdc { get; }

    public const string Usage = "usage: Cdc.Bench [transcode|changestream|pipeline|e2e|catchup|config…] [--json] [--events N] [--cdc PATH/cdc.dll]   (no names: every benchmark)";

    public static BenchArguments? Parse(string[] args, IReadOnlyCollection<string> known, out string? error)
    {
        var names = new List<string>();
        var json = false;
        int? events = null;
        string? cdc = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--events":
                    if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
                    {
                        error = "--events needs a positive whole number.";
                        return null;
                    }

                    events = count;
                    break;
                case "--cdc":
                    if (i + 1 >= args.Length || !File.Exists(args[i + 1]))
                    {
                        error = "--cdc needs the path of an existing cdc.dll.";
                        return null;
                    }

                    cdc = args[++i];
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
        return new BenchArguments(names.Count == 0 ? [.. known] : names, json, events, cdc);
    }
}
