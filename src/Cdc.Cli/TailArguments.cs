using System.Globalization;
using Cdc.Connector.Configuration;

namespace Cdc.Cli;

/// <summary>The parsed command line of `cdc tail`.</summary>
internal sealed class TailArguments
{
    private TailArguments(string? configPath, IReadOnlyList<string> setArguments, IReadOnlyList<string> topics, bool fromBeginning, bool json, long? max, bool help)
    {
        ConfigPath = configPath;
        SetArguments = setArguments;
        Topics = topics;
        FromBeginning = fromBeginning;
        Json = json;
        Max = max;
        Help = help;
    }

    public const string Usage =
        "usage: cdc tail --config FILE [--set key=value]… [--from-beginning] [--json] [--max N] [TOPIC…]\n" +
        "  Consumes the connector's topics and prints each record decoded through the Schema Registry: topic, partition,\n" +
        "  offset, timestamp (ISO-8601 UTC), key and value (null for a tombstone). Configuration as `cdc run` reads it.\n" +
        "  TOPIC…            the topics to read; without any, every topic the pipeline publishes to (its scope's\n" +
        "                    kafka.topicPrefix names and kafka.topics entries; not the checkpoint or dead-letter topic),\n" +
        "                    those it creates later included (looked for every 5 s, read from their beginning).\n" +
        "  --from-beginning  start at each partition's earliest record; by default only records written after the start.\n" +
        "  --json            one JSON object a line: {\"topic\",\"partition\",\"offset\",\"timestamp\",\"key\",\"value\"}.\n" +
        "  --max N           stop after N records; otherwise run until SIGINT/SIGTERM.\n" +
        "  Reads without a consumer group and commits nothing. A record that does not decode is reported (stderr, or a\n" +
        "  JSON line with \"error\") and skipped. Exit 0 when done, 1 on a failure (configuration, Kafka, the Schema\n" +
        "  Registry, an unknown topic), 2 on wrong usage, 3 when some record did not decode.\n";

    public string? ConfigPath { get; }

    public IReadOnlyList<string> SetArguments { get; }

    /// <summary>The topics named on the command line; empty for all of the pipeline's.</summary>
    public IReadOnlyList<string> Topics { get; }

    public bool FromBeginning { get; }

    public bool Json { get; }

    /// <summary>How many records to print before stopping; null for no limit.</summary>
    public long? Max { get; }

    public bool Help { get; }

    /// <returns>The arguments, or null with <paramref name="error"/> set for a usage error.</returns>
    public static TailArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var configuration = new ConfigurationArguments();
        var topics = new List<string>();
        var fromBeginning = false;
        var json = false;
        long? max = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inlineValue) = OptionSyntax.Split(arg);
            switch (name)
            {
                case "-h" or "--help":
                    error = null;
                    return new TailArguments(null, [], [], fromBeginning: false, json: false, null, help: true);
                case "--from-beginning" when inlineValue is null:
                    fromBeginning = true;
                    continue;
                case "--json" when inlineValue is null:
                    json = true;
                    continue;
                case "--config" or "--set" or "--max":
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        error = $"unknown option '{arg}'.";
                        return null;
                    }

                    if (KafkaTopicNames.Problem(arg) is { } problem)
                    {
                        error = $"'{arg}' {problem}.";
                        return null;
                    }

                    if (!topics.Contains(arg))
                    {
                        topics.Add(arg);
                    }

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

            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
            {
                max = count;
            }
            else
            {
                error = $"--max must be a whole number of records from 1, not '{value}'.";
                return null;
            }
        }

        error = null;
        return new TailArguments(configuration.ConfigPath, configuration.SetArguments, topics, fromBeginning, json, max, help: false);
    }
}
