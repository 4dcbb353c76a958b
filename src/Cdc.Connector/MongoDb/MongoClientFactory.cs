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

    /// <summary>
    /// Parses mongodb.uri the way the driver will: null when it is usable, else the driver's reason, with any URI in it
    /// shown without its password. For configuration validation, before anything connects.
    /// </summary>
    public static string? Problem(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            _ = new ConnectionString(uri);
            _ = MongoClientSettings.FromConnectionString(uri);
            return null;
        }
        // NotSupportedException: an authMechanism the driver does not know (?authMechanism=SCRAM-SHA-512).
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return SecretRedactor.RedactText(ex.Message.Replace(uri, MongoUriRedactor.Redact(uri), StringComparison.Ordinal).TrimEnd('.'));
        }
    }

    private static ConnectionString Parse(string uri)
    {
        if (Problem(uri) is { } problem)
        {
            throw new ConfigurationException($"'mongodb.uri' {MongoUriRedactor.Redact(uri)} is not a valid MongoDB connection string: {problem}.");
        }

        return new ConnectionString(uri);
    }
}
