using System.Globalization;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Cli;

/// <summary>
/// `cdc snapshot --config FILE [--wait] DATABASE.COLLECTION…`: leaves a snapshot request for the running connector in the
/// pipeline's checkpoint store (<see cref="ISnapshotRequestChannel"/>), and with --wait follows it to completion.
/// </summary>
internal static class SnapshotCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, ConfigurationLoader.ProcessEnvironment());

    internal static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment)
    {
        var arguments = SnapshotArguments.Parse(args, out var usageError);
        if (arguments is null)
        {
            stderr.WriteLine($"cdc snapshot: {usageError}");
            stderr.Write(SnapshotArguments.Usage);
            return ExitCodes.Usage;
        }

        if (arguments.Help)
        {
            stdout.Write(SnapshotArguments.Usage);
            return ExitCodes.Success;
        }

        CdcOptions options;
        IReadOnlyList<SnapshotNamespace> collections;
        try
        {
            options = ConfigurationLoader.LoadForRun(arguments.ConfigPath, arguments.SetArguments, environment);
            collections = InScope(arguments.Namespaces, options.MongoDb);
        }
        catch (ConfigurationException ex)
        {
            stderr.WriteLine($"cdc snapshot: {string.Join("; ", ex.Problems)}");
            return ExitCodes.Failure;
        }

        using var mongo = new MongoConnection(options.MongoDb.Uri ?? string.Empty, NullLoggerFactory.Instance, tls: MongoTlsFiles.From(options.MongoDb));
        try
        {
            // As `cdc check`: beside a running connector, never touching its files in progress, each Kafka call bounded.
            using var store = CheckpointStoreFactory.Create(options, NullLoggerFactory.Instance, mongo, inspectionLimit: TimeSpan.FromSeconds(30));
            if (store is not ISnapshotRequestChannel channel)
            {
                stderr.WriteLine($"cdc snapshot: {store.Description} cannot carry snapshot requests.");
                return ExitCodes.Failure;
            }

            var request = SnapshotRequest.Create(collections, DateTimeOffset.UtcNow, WriterIdentity.Describe(DateTimeOffset.UtcNow));
            channel.SendAsync(request, CancellationToken.None).GetAwaiter().GetResult();
            var names = string.Join(", ", collections);
            stdout.WriteLine(
                $"cdc snapshot: asked pipeline '{options.Pipeline.Name}' to snapshot {names} (request {request.Id}, in {store.Description}); "
                + "a running connector takes it within a few seconds");
            return arguments.Wait ? Follow(channel, store, request, options.Pipeline.Name, arguments.Timeout, stdout, stderr) : ExitCodes.Success;
        }
        catch (CheckpointStoreException ex)
        {
            stderr.WriteLine($"cdc snapshot: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Each name as "db.coll" within the stream's scope: a collection the stream does not publish cannot be snapshotted.</summary>
    private static List<SnapshotNamespace> InScope(IReadOnlyList<string> names, MongoDbOptions mongo)
    {
        var target = WatchTarget.From(mongo);
        var scope = new NamespaceScope(mongo.IncludeNamespaces, mongo.ExcludeNamespaces, "mongodb.includeNamespaces", "mongodb.excludeNamespaces");
        var problems = new List<string>();
        var collections = new List<SnapshotNamespace>();
        foreach (var name in names)
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == name.Length - 1)
            {
                problems.Add($"'{name}' is not DATABASE.COLLECTION");
                continue;
            }

            var collection = new SnapshotNamespace(name[..dot], name[(dot + 1)..]);
            var inTarget = (target.Database is null || target.Database == collection.Database) && (target.Collection is null || target.Collection == collection.Collection);
            if (!inTarget || !scope.Allows(collection.Database, collection.Collection))
            {
                problems.Add($"{name} is outside what the pipeline publishes ({target.Description}, mongodb.includeNamespaces/excludeNamespaces): its rows would have no topic");
                continue;
            }

            if (!collections.Contains(collection))
            {
                collections.Add(collection);
            }
        }

        return problems.Count == 0 ? collections : throw new ConfigurationException(problems);
    }

    /// <summary>Waits until the request is taken and its collections are committed complete, printing each change of progress.</summary>
    private static int Follow(ISnapshotRequestChannel channel, ICheckpointStore store, SnapshotRequest request, string pipeline, TimeSpan timeout, TextWriter stdout, TextWriter stderr)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var waiting = channel.ReceiveAsync(CancellationToken.None).GetAwaiter().GetResult()?.Id == request.Id;
            var collections = store.LoadAsync(CancellationToken.None).GetAwaiter().GetResult()?.Snapshot?.Collections
                .Where(c => c.Trigger == request.Trigger).ToList() ?? [];
            var rows = collections.Sum(c => c.Rows).ToString("N0", CultureInfo.InvariantCulture);
            var done = collections.Count(c => c.Done);
            var state = waiting
                ? "waiting for the connector to take the request"
                : collections.Count == 0 ? "taken; the collections were being snapshotted already" : $"{done} of {collections.Count} collection(s) done, {rows} rows";
            if (state != last)
            {
                stdout.WriteLine($"cdc snapshot: request {request.Id}: {state}");
                last = state;
            }

            if (!waiting && done == collections.Count)
            {
                return ExitCodes.Success;
            }

            Thread.Sleep(PollInterval);
        }

        stderr.WriteLine(
            $"cdc snapshot: request {request.Id} of pipeline '{pipeline}' was not complete within {timeout.TotalSeconds:0} s ({last}). "
            + "Is `cdc run` running on this configuration? The request stays in the checkpoint store until a connector takes it.");
        return ExitCodes.Failure;
    }
}
