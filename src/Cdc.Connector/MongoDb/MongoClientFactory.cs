using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// Makes every MongoDB client of the process from mongodb.uri: the handshake's application name (unless the URI sets
/// one), the driver's events routed to <see cref="MongoDriverLog"/>, and, for a caller that must answer in bounded time
/// (`cdc check`), server-selection and connect timeouts the URI did not set itself. Clients are thread-safe and hold
/// connection pools and monitors: make one per process and purpose, dispose it at the end.
/// </summary>
internal static class MongoClientFactory
{
    /// <summary>The handshake's client.application.name: shows the connector in the server's logs and currentOp.</summary>
    public const string ApplicationName = "cdc";

    public static MongoClient Create(string uri, string applicationName, ILoggerFactory loggerFactory, TimeSpan? timeLimit = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentException.ThrowIfNullOrEmpty(applicationName);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(MongoDriverLog.Category);
        var connectionString = Parse(uri);
        foreach (var option in connectionString.AllUnknownOptionNames)
        {
            MongoDriverLog.UnknownUriOption(logger, option);
        }

        var settings = MongoClientSettings.FromConnectionString(uri);
        settings.ApplicationName ??= applicationName;
        if (timeLimit is { } limit)
        {
            if (connectionString.ServerSelectionTimeout is null)
            {
                settings.ServerSelectionTimeout = limit;
            }

            if (connectionString.ConnectTimeout is null)
            {
                settings.ConnectTimeout = limit;
            }
        }

        settings.ClusterConfigurator = builder => MongoDriverLog.Subscribe(builder, logger);
        return new MongoClient(settings);
    }

    private static ConnectionString Parse(string uri)
    {
        if (MongoUriCheck.Problem(uri) is { } problem)
        {
            throw new ConfigurationException($"'mongodb.uri' {MongoUriRedactor.Redact(uri)} is not a valid MongoDB connection string: {problem}.");
        }

        return new ConnectionString(uri);
    }
}
