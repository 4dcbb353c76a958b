using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Interop.Mongoc;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Source;

/// <summary>
/// The change stream of the mongodb.* options through libmongoc: one client, one stream at a time, read on one thread.
/// The pipeline is compiled once; every <see cref="Open"/> closes the previous stream and opens a new one at the given
/// start. Errors libmongoc did not resume itself surface as <see cref="MongoException"/> (see
/// <see cref="SourceFailureClassifier"/>); the caller reopens from its committed checkpoint.
/// </summary>
internal sealed class ChangeStreamSource : IChangeStreamSource
{
    /// <summary>The handshake's client.application.name: shows the connector in the server's logs and currentOp.</summary>
    public const string ApplicationName = "cdc";

    private static readonly byte[] PingCommand = BuildPing();

    private readonly MongoDbOptions _options;
    private readonly ILogger<ChangeStreamSource> _logger;
    private readonly byte[] _pipeline;
    private readonly string _scope;
    private MongoClient? _client;
    private ChangeStream? _stream;

    public ChangeStreamSource(MongoDbOptions options, ILogger<ChangeStreamSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _logger = logger;
        if (string.IsNullOrEmpty(options.Uri))
        {
            throw new ConfigurationException("'mongodb.uri' is required to read a change stream.");
        }

        _scope = options.Scope switch
        {
            "cluster" => "the cluster",
            "database" => $"database {Require(options.Database, "mongodb.database")}",
            "collection" => $"collection {Require(options.Database, "mongodb.database")}.{Require(options.Collection, "mongodb.collection")}",
            _ => throw new ConfigurationException($"'mongodb.scope' must be cluster, database or collection, not '{options.Scope}'."),
        };
        if (options.ShowExpandedEvents)
        {
            // libmongoc 1.23's watch functions know no showExpandedEvents: it lands on the aggregate command instead
            // of the $changeStream stage, so create/modify/index events would silently never come. Refuse instead.
            throw new ConfigurationException(
                "'mongodb.showExpandedEvents' cannot be honoured: the system's MongoDB C driver (libmongoc 1.23) has no " +
                "such change stream option and would send it outside the $changeStream stage, so create, modify and index " +
                "events would silently be missing. Set it to false.");
        }

        _pipeline = ChangeStreamPipeline.Build(options);
    }

    public ReadOnlySpan<byte> PostBatchResumeToken => _stream is null ? [] : _stream.ResumeToken;

    public ResumePosition? Open(StartPosition start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _stream?.Dispose();
        _stream = null;
        _client ??= MongoClient.Create(_options.Uri!, ApplicationName);

        ResumePosition? captured = null;
        var operationTime = start.Position?.OperationTime;
        if (start.Kind == StartKind.Now)
        {
            var now = JustAfter(CurrentOperationTime(_client));
            SourceLog.CapturedOperationTime(_logger, now.Seconds, now.Increment);
            captured = ResumePosition.FromOperationTime(now);
            operationTime = now;
        }

        var token = start.Position?.Token;
        var watchOptions = ChangeStreamWatchOptions.Build(_options, start.Kind, token, operationTime);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var from = captured?.Describe() ?? start.Position?.Describe() ?? "now";
            SourceLog.Opening(_logger, _scope, from, start.Reason);
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var pipelineJson = ExtendedJsonWriter.ToJson(_pipeline, ExtendedJsonMode.Relaxed);
            SourceLog.Pipeline(_logger, pipelineJson);
        }

        try
        {
            _stream = _options.Scope switch
            {
                "cluster" => _client.Watch(null, null, _pipeline, watchOptions),
                "database" => _client.Watch(_options.Database, null, _pipeline, watchOptions),
                _ => _client.Watch(_options.Database, _options.Collection, _pipeline, watchOptions),
            };
        }
        catch (MongoException error)
        {
            SourceLog.OpenFailed(_logger, _scope, error.Message);
            throw;
        }

        SourceLog.Opened(_logger, _scope);
        return captured;
    }

    public ChangeStreamRead Read(out ReadOnlySpan<byte> changeEvent)
    {
        var stream = _stream ?? throw new InvalidOperationException("The change stream is not open: call Open first.");
        if (stream.TryNext(out changeEvent))
        {
            return ChangeStreamRead.Event;
        }

        if (stream.IsClosed)
        {
            SourceLog.Closed(_logger, _scope);
            return ChangeStreamRead.Closed;
        }

        return ChangeStreamRead.BatchEnd;
    }

    public void Dispose()
    {
        // The stream first: destroying it kills the server cursor through the client.
        _stream?.Dispose();
        _stream = null;
        _client?.Dispose();
        _client = null;
    }

    /// <summary>
    /// The server's operationTime from a ping on admin. A replica set reports it on every reply; a standalone does
    /// not, and cannot run change streams either, so its absence is reported as 40573 would be.
    /// </summary>
    private static BsonTimestamp CurrentOperationTime(MongoClient client)
    {
        var reply = client.RunCommand("admin", PingCommand);
        var reader = new BsonReader(reply);
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("operationTime"u8) && reader.Current.Type == BsonType.Timestamp)
            {
                return reader.Current.GetTimestamp();
            }
        }

        throw new MongoException(
            "The server's reply to ping has no operationTime: change streams need a replica set or a sharded cluster, not a standalone server.",
            MongoErrors.ServerDomain,
            40573,
            null,
            []);
    }

    /// <summary>
    /// startAtOperationTime is inclusive and a reply's operationTime is the time of the server's last operation (a
    /// write made before the open), so the stream starts one increment later: every write after the open has a
    /// greater time, and the last one before it is not replayed (a transaction's writes share one time).
    /// </summary>
    private static BsonTimestamp JustAfter(BsonTimestamp time) =>
        time.Increment == uint.MaxValue ? new BsonTimestamp(time.Seconds + 1, 0) : time with { Increment = time.Increment + 1 };

    private static string Require(string? value, string key) =>
        string.IsNullOrEmpty(value) ? throw new ConfigurationException($"'{key}' is required for this mongodb.scope.") : value;

    private static byte[] BuildPing()
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteInt32("ping", 1);
        writer.WriteEndDocument();
        return writer.ToArray();
    }
}
