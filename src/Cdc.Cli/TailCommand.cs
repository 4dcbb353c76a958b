using System.Runtime.InteropServices;
using Cdc.Cli.Check;
using Cdc.Cli.Tail;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Connector.Registry;
using Confluent.Kafka;

namespace Cdc.Cli;

/// <summary>
/// `cdc tail --config FILE [TOPIC…] [--from-beginning] [--json] [--max N]`: the downstream view. Consumes the pipeline's
/// topics (or the ones named) without a consumer group and prints each record decoded through the Schema Registry,
/// until --max records or SIGINT/SIGTERM. Exit 0, 1 when it cannot start or go on, 2 on wrong usage, 3 when some
/// record did not decode (<see cref="ExitCodes"/>).
/// </summary>
internal static class TailCommand
{
    /// <summary>The limit of one Schema Registry request, and of the registry's first answer at the start.</summary>
    private static readonly TimeSpan RegistryLimit = TimeSpan.FromSeconds(10);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        using var pipe = PipeOutput.For(stdout);
        return Run(args, pipe?.Writer ?? stdout, stderr, ConfigurationLoader.ProcessEnvironment());
    }

    internal static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment)
    {
        var arguments = TailArguments.Parse(args, out var usageError);
        if (arguments is null)
        {
            stderr.WriteLine($"cdc tail: {usageError}");
            stderr.Write(TailArguments.Usage);
            return ExitCodes.Usage;
        }

        if (arguments.Help)
        {
            stdout.Write(TailArguments.Usage);
            return ExitCodes.Success;
        }

        if (arguments.ConfigPath is null && arguments.SetArguments.Count == 0 && !EnvironmentSource.ConfiguresAnything(environment))
        {
            stderr.WriteLine(
                "cdc tail: no configuration: give --config FILE, the connector's (see docs/configuration.md), or set keys with --set key=value "
                + "or CDC__SECTION__KEY environment variables.");
            stderr.Write(TailArguments.Usage);
            return ExitCodes.Usage;
        }

        CdcOptions options;
        try
        {
            // What `cdc run` refuses, `cdc tail` refuses: the same loading, the same topic names, the same Kafka settings.
            options = ConfigurationLoader.LoadForRun(arguments.ConfigPath, arguments.SetArguments, environment);
            _ = MappingOptionsFactory.Create(options);
            _ = ProducerConfigBuilder.Build(options.Kafka, options.Pipeline.MaxInFlightEvents);
        }
        catch (ConfigurationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                stderr.WriteLine($"cdc tail: configuration: {problem.ReplaceLineEndings(" ")}");
            }

            return ExitCodes.Failure;
        }

        using var stop = new CancellationTokenSource();
        // Cancel = true: the process must not die at the signal but stop reading, say how many records it printed and exit 0.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        try
        {
            return Tail(arguments, options, stdout, stderr, stop.Token);
        }
        catch (TailException ex)
        {
            stderr.WriteLine($"cdc tail: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
        }
        catch (DllNotFoundException ex)
        {
            stderr.WriteLine($"cdc tail: {ex.Message}; fix: reinstall or rebuild cdc so that the librdkafka.redist files are beside the program (runtimes/<rid>/native/)");
            return ExitCodes.Failure;
        }
    }

    private static int Tail(TailArguments arguments, CdcOptions options, TextWriter stdout, TextWriter stderr, CancellationToken stopping)
    {
        LibrdkafkaLoader.EnsureLoaded();
        using var registry = OpenRegistry(options.SchemaRegistry);
        var bootstrap = options.Kafka.BootstrapServers ?? string.Empty;
        var pipelineTopics = PipelineTopics.Of(options);
        using var cluster = new KafkaTailCluster(options.Kafka);
        var partitions = TailTopics.Select(cluster.Topics(), arguments.Topics, pipelineTopics, options.Pipeline.Name, bootstrap);
        List<TopicPartitionOffset> assignment;
        if (arguments.FromBeginning)
        {
            assignment = partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)).ToList();
        }
        else
        {
            // The ends are asked before reading starts, so "new records" are exactly those written after this point.
            var ends = cluster.Ends(partitions);
            assignment = partitions.Select(p => new TopicPartitionOffset(p, ends.TryGetValue(p, out var end) ? end : Offset.End)).ToList();
        }

        var topics = partitions.Select(p => p.Topic).Distinct().ToList();
        var start = arguments.FromBeginning ? "from the beginning" : "from the end (new records only)";
        stderr.WriteLine($"cdc tail: reading {topics.Count} topic(s), {partitions.Count} partition(s), {start}: {string.Join(", ", topics)}");

        ITailOutput output = arguments.Json ? new JsonTailOutput(stdout) : new TextTailOutput(stdout, stderr);
        using var newTopics = arguments.Topics.Count == 0 ? new NewTopicWatcher(cluster, pipelineTopics, partitions) : null;
        using var reader = new TailReader(options.Kafka, assignment, stderr);
        reader.Run(new RecordJsonDecoder(registry), output, arguments.Max, newTopics, stopping);
        var failed = reader.Failed == 0 ? string.Empty : $", {reader.Failed} of them could not be decoded (exit {ExitCodes.RecordsNotDecoded})";
        var closed = reader.OutputClosed ? "; the output was closed" : string.Empty;
        stderr.WriteLine($"cdc tail: {reader.Written} record(s){failed}{closed}");
        return reader.Failed == 0 ? ExitCodes.Success : ExitCodes.RecordsNotDecoded;
    }

    /// <summary>
    /// The connector's registry client on schemaRegistry.*, once the registry has answered: a registry that cannot be
    /// reached or refuses the credentials fails here, before any record is read, instead of at every record.
    /// </summary>
    private static RegistryClient OpenRegistry(SchemaRegistrySettings settings)
    {
        RegistryClient registry;
        try
        {
            registry = RegistryClient.Create(RegistryClientOptions.From(settings, RegistryLimit));
        }
        catch (ArgumentException ex)
        {
            throw new TailException(
                $"schemaRegistry: {ex.Message}; fix: correct schemaRegistry.url, its credentials (basicAuth, bearerToken, oauth*) or its TLS files (tlsCAFile, tlsCertificateKeyFile)", ex);
        }

        try
        {
            var urls = Math.Max(1, (settings.Url ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Length);
            _ = registry.GetCompatibilityLevelAsync(null, CancellationToken.None).WaitAsync(RegistryLimit * urls + TimeSpan.FromSeconds(2)).GetAwaiter().GetResult();
            return registry;
        }
        catch (RegistryRequestException ex) when (ex.StatusCode is null or 401)
        {
            registry.Dispose();
            throw new TailException($"schemaRegistry: {ex.Message.TrimEnd('.')}; fix: {RegistryRules.FixFor(ex)}", ex);
        }
        catch (RegistryRequestException)
        {
            // It answered: a user who may read schemas may still be refused the configuration (403).
            return registry;
        }
        catch (TimeoutException ex)
        {
            registry.Dispose();
            throw new TailException($"the Schema Registry did not answer within {RegistryLimit.TotalSeconds:0} s; fix: check schemaRegistry.url and that the registry is up and reachable from here", ex);
        }
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
