using System.Diagnostics;
using Cdc.Connector.Configuration;

namespace Cdc.Bench.Configuration;

/// <summary>
/// What `cdc run` and `cdc check` spend judging a configuration before they contact anything: loading it from `--set`
/// arguments and having librdkafka create (and destroy) a producer from its kafka.producer entries
/// (<see cref="ConfigurationLoader.ValidateForRun"/>). A figure for a machine, so it is measured here, not asserted in a
/// test: on a loaded machine it only grows.
/// </summary>
internal static class ConfigurationBenchmark
{
    /// <summary>The validations timed when `--events` is not given.</summary>
    public const int DefaultValidations = 20;

    private static readonly Dictionary<string, string> NoEnvironment = [];

    public static ConfigurationResult Run(int validations, TextWriter log)
    {
        var directory = Directory.CreateTempSubdirectory("cdc-bench-config-").FullName;
        try
        {
            // Endpoints that refuse connections (nothing is contacted) and two producer entries, so librdkafka judges them.
            string[] sets =
            [
                "mongodb.uri=mongodb://127.0.0.1:1/", "kafka.bootstrapServers=127.0.0.1:1", "schemaRegistry.url=http://127.0.0.1:1",
                $"checkpoint.path={Path.Combine(directory, "checkpoint")}", "kafka.producer.linger.ms=5", "kafka.producer.compression.type=zstd",
            ];

            log.WriteLine($"config: {validations} validations of a configuration with kafka.producer entries…");
            var first = Stopwatch.StartNew();
            Validate(sets); // loads librdkafka and compiles the paths: reported on its own
            var firstMs = first.Elapsed.TotalMilliseconds;

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < validations; i++)
            {
                Validate(sets);
            }

            var result = new ConfigurationResult(validations, clock.Elapsed.TotalMilliseconds / validations, firstMs);
            log.WriteLine($"config: {result.MsPerValidation:0.0} ms per validation (the first, with librdkafka's load: {firstMs:0} ms)");
            return result;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Validate(string[] sets)
    {
        var options = ConfigurationLoader.Load(null, sets, NoEnvironment);
        ConfigurationLoader.ValidateForRun(options);
    }
}
