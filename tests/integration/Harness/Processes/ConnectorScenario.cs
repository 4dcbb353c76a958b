using System.Text.Json.Nodes;
using Cdc.Tests.Shared;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// One scenario's moving parts: unique names (database, topic prefix, pipeline), a temporary directory for the
/// configuration and the file checkpoint, the Kafka reader, and the current connector process (restartable with the
/// same configuration). Disposing kills whatever still runs and deletes the directory.
/// </summary>
internal sealed class ConnectorScenario : IDisposable
{
    private readonly ITestOutputHelper _output;
    private ConnectorProcess? _connector;

    private ConnectorScenario(ItEndpoints endpoints, ITestOutputHelper output, string stem)
    {
        Endpoints = endpoints;
        _output = output;
        Database = UniqueNames.For(stem);
        TopicPrefix = UniqueNames.For("it");
        PipelineName = UniqueNames.For(stem);
        Directory = Path.Combine(Path.GetTempPath(), "cdc-it", PipelineName);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public ItEndpoints Endpoints { get; }

    public string Database { get; }

    public string TopicPrefix { get; }

    public string PipelineName { get; }

    public string Directory { get; }

    public string CheckpointPath => Path.Combine(Directory, ConnectorConfig.CheckpointFileName);

    public KafkaRecordReader Reader { get; private set; } = null!;

    public ConnectorProcess Connector => _connector ?? throw new InvalidOperationException("No connector started.");

    public JsonObject Config { get; private set; } = null!;

    /// <summary>Starts the reader on the topics of <paramref name="collections"/> (and any later topic of the prefix).</summary>
    public static async Task<ConnectorScenario> StartAsync(ItEndpoints endpoints, ITestOutputHelper output, string stem, params string[] collections)
    {
        var scenario = new ConnectorScenario(endpoints, output, stem);
        try
        {
            scenario.Reader = await KafkaRecordReader.StartAsync(endpoints, scenario.TopicPrefix, collections.Select(scenario.Topic).ToArray()).ConfigureAwait(false);
            return scenario;
        }
        catch
        {
            scenario.Dispose();
            throw;
        }
    }

    public string Topic(string collection) => Topic(Database, collection);

    public string Topic(string database, string collection) => $"{TopicPrefix}.{database}.{collection}";

    /// <summary>Writes the configuration (the scope given, plus <paramref name="adjust"/>) and starts `cdc run` on it.</summary>
    public ConnectorProcess StartConnector(JsonObject scope, Action<JsonObject>? adjust = null)
    {
        Config = ConnectorConfig.Create(Endpoints, PipelineName, TopicPrefix, Directory, scope);
        adjust?.Invoke(Config);
        return RestartConnector();
    }

    /// <summary>Starts `cdc run` again on the same configuration file (after a kill or a stop), with <paramref name="extraArguments"/> such as <c>--set key=value</c>.</summary>
    public ConnectorProcess RestartConnector(params string[] extraArguments)
    {
        if (_connector is { } previous)
        {
            _output.WriteLine($"--- connector pid {previous.Id} ---\n{previous.Output}");
            previous.Dispose();
        }

        _connector = ConnectorProcess.Start(Config, Directory, extraArguments);
        return _connector;
    }

    /// <summary>
    /// Starts `cdc run` with no configuration file: CDC__ <paramref name="variables"/> and <paramref name="arguments"/>
    /// (such as <c>--set key=value</c>) configure it. It becomes <see cref="Connector"/>.
    /// </summary>
    public ConnectorProcess StartConnectorFromEnvironment(IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        _connector?.Dispose();
        _connector = ConnectorProcess.StartFromEnvironment(variables, Directory, arguments);
        return _connector;
    }

    /// <summary>
    /// Starts a second `cdc run` on the same configuration while the current one keeps running (its own directory for the
    /// configuration file); it becomes <see cref="Connector"/>, and the caller owns and disposes the previous one.
    /// </summary>
    public ConnectorProcess RestartConnectorBeside()
    {
        _connector = ConnectorProcess.Start(Config, Path.Combine(Directory, $"beside-{Guid.NewGuid():N}"));
        return _connector;
    }

    /// <summary>
    /// Inserts sentinel documents into <paramref name="collection"/> of <paramref name="database"/> every 500 ms until one
    /// is read back from Kafka: from then on the connector's change stream is open and publishing.
    /// </summary>
    public async Task WaitUntilStreamingAsync(string collection, string? database = null, TimeSpan? timeout = null)
    {
        database ??= Database;
        var topic = Topic(database, collection);
        var deadline = DateTime.UtcNow + (timeout ?? Deadlines.Step);
        for (var n = 0; DateTime.UtcNow < deadline; n++)
        {
            if (Connector.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"The connector exited before publishing anything.\n{Connector.Describe()}");
            }

            RunOperations(database, new JsonObject { ["op"] = "insert", ["coll"] = collection, ["doc"] = new JsonObject { ["_id"] = $"sentinel-{n}", ["v"] = 0 } });
            if (await Reader.WaitForAsync(r => r.Topic == topic, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"No record reached {topic} within the deadline.\n{Connector.Describe()}\nreader stderr:\n{Reader.Stderr}");
    }

    /// <summary>Runs tests/js/it/operations.mjs: each step one write or DDL, in order, with the official driver.</summary>
    public void RunOperations(string database, params JsonObject[] operations)
    {
        var input = new JsonObject { ["uri"] = Endpoints.MongoDbUri, ["db"] = database, ["operations"] = new JsonArray(operations) };
        NodeScript.Run("it/operations.mjs", input.ToJsonString() + "\n", Deadlines.Step);
    }

    public void Log(string line) => _output.WriteLine(line);

    public void Dispose()
    {
        if (_connector is { } connector)
        {
            _output.WriteLine($"--- connector pid {connector.Id} ---\n{connector.Output}");
            connector.Dispose();
        }

        Reader?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless; the test result matters more.
        }
    }
}
