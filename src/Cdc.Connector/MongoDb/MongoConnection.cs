using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// The process's MongoDB client for mongodb.uri, made on first use (<see cref="MongoClientFactory"/>) and shared by
/// everything that talks to that deployment: the change stream of every pipeline cycle, the mongodb checkpoint store,
/// `cdc check`'s probes. The driver's client is thread-safe and keeps its pools and monitors across cycles, so a
/// reopened stream does not reconnect from scratch. Also the place where a failure is translated with the cluster's
/// current state at hand.
/// </summary>
internal sealed class MongoConnection : IDisposable
{
    private readonly Lazy<MongoClient> _client;

    public MongoConnection(
        string uri, ILoggerFactory loggerFactory, string applicationName = MongoClientFactory.ApplicationName, TimeSpan? timeLimit = null, MongoTlsFiles? tls = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _client = new Lazy<MongoClient>(() => MongoClientFactory.Create(uri, applicationName, loggerFactory, timeLimit, tls), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IMongoClient Client => _client.Value;

    /// <summary>
    /// <paramref name="error"/>, thrown while <paramref name="operation"/> ran, as the connector's
    /// <see cref="MongoFailureException"/> (cancellation passes through untouched).
    /// </summary>
    public Exception Translate(Exception error, string operation) => _client.IsValueCreated
        ? MongoFailureTranslator.Translate(error, operation, _client.Value.Cluster.Description, _client.Value.Settings)
        : MongoFailureTranslator.Translate(error, operation);

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
