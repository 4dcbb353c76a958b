using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.Source;

/// <summary>An emulator, a writer client and sources on it; disposing closes them all (also when a test fails).</summary>
internal sealed class SourceFixture : IAsyncDisposable
{
    private readonly List<ChangeStreamSource> _sources = [];
    private readonly List<MongoConnection> _connections = [];

    public SourceFixture(MongoServerOptions? serverOptions = null)
    {
        Server = MongoServer.Start(serverOptions);
        Writer = new MongoClient(Server.ConnectionString);
        Connection = new MongoConnection(Server.ConnectionString, NullLoggerFactory.Instance);
    }

    public MongoServer Server { get; }

    /// <summary>A client of the driver's own, as an application writing to the database would have.</summary>
    public MongoClient Writer { get; }

    /// <summary>The connector's client, shared by the sources as in `cdc run`.</summary>
    public MongoConnection Connection { get; }

    public ChangeStreamSource Source(string scope, Action<MongoDbOptions>? configure = null)
    {
        var options = new MongoDbOptions
        {
            Uri = Server.ConnectionString,
            Scope = Enum.Parse<WatchScope>(scope, ignoreCase: true),
            Database = scope == "cluster" ? null : "shop",
            Collection = scope == "collection" ? "orders" : null,
            MaxAwaitTimeMs = 200,
        };
        configure?.Invoke(options);

        // A test that points the source elsewhere gets a client of its own for that URI.
        var connection = options.Uri == Server.ConnectionString ? Connection : Track(new MongoConnection(options.Uri!, NullLoggerFactory.Instance));
        var source = new ChangeStreamSource(connection, options, NullLogger<ChangeStreamSource>.Instance);
        _sources.Add(source);
        return source;
    }

    private MongoConnection Track(MongoConnection connection)
    {
        _connections.Add(connection);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }

        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        Connection.Dispose();
        Writer.Dispose();
        await Server.DisposeAsync();
    }
}
