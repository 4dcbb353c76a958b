using Cdc.Connector.Configuration;
using Cdc.Connector.Interop.Mongoc;
using Cdc.Connector.Source;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Source;

/// <summary>An emulator, a writer client and sources on it; disposing closes them all (also when a test fails).</summary>
internal sealed class SourceFixture : IAsyncDisposable
{
    private readonly List<ChangeStreamSource> _sources = [];

    public SourceFixture(MongoServerOptions? serverOptions = null)
    {
        Server = MongoServer.Start(serverOptions);
        Writer = MongoClient.Create(Server.ConnectionString, "cdc-test-writer");
    }

    public MongoServer Server { get; }

    public MongoClient Writer { get; }

    public ChangeStreamSource Source(string scope, Action<MongoDbOptions>? configure = null)
    {
        var options = new MongoDbOptions
        {
            Uri = Server.ConnectionString,
            Scope = scope,
            Database = scope == "cluster" ? null : "shop",
            Collection = scope == "collection" ? "orders" : null,
            MaxAwaitTimeMs = 200,
        };
        configure?.Invoke(options);
        var source = new ChangeStreamSource(options, NullLogger<ChangeStreamSource>.Instance);
        _sources.Add(source);
        return source;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }

        Writer.Dispose();
        await Server.DisposeAsync();
    }
}
