using Cdc.Connector.Configuration;
using Cdc.Connector.Tls;
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

    public static MongoClient Create(string uri, string applicationName, ILoggerFactory loggerFactory, TimeSpan? timeLimit = null, MongoTlsFiles? tls = null)
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

        ApplyTls(settings, connectionString, tls ?? MongoTlsFiles.None, uri);
        settings.ClusterConfigurator = builder => MongoDriverLog.Subscribe(builder, logger);
        return new MongoClient(settings);
    }

    /// <summary>
    /// mongodb.tlsCAFile and mongodb.tlsCertificateKeyFile: TLS on, the server's certificate checked against the CA
    /// file's certificates (host name included) unless the URI itself allows insecure TLS, and the client certificate
    /// presented with its intermediates. Unusable files are configuration errors naming the key, the path and why.
    /// </summary>
    private static void ApplyTls(MongoClientSettings settings, ConnectionString connectionString, MongoTlsFiles files, string uri)
    {
        if (files.IsEmpty)
        {
            return;
        }

        if (connectionString.Tls == false)
        {
            throw new ConfigurationException(
                $"'mongodb.tlsCAFile' or 'mongodb.tlsCertificateKeyFile' is set, but 'mongodb.uri' {MongoUriRedactor.Redact(uri)} says tls=false: remove tls=false from the URI (the files imply TLS) or unset the files.");
        }

        TlsMaterial material;
        try
        {
            material = TlsMaterial.Load("mongodb", files.CaFile, files.CertificateKeyFile);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"{e.Message}. Fix: point the key at a readable PEM file, or unset it.", e);
        }

        settings.UseTls = true;
        var ssl = settings.SslSettings?.Clone() ?? new SslSettings();
        if (material.ClientCertificate is { } certificate)
        {
            ssl.ClientCertificates = [certificate, .. material.ClientChain ?? []];
        }

        if (material.Authorities is { } authorities && !settings.AllowInsecureTls)
        {
            ssl.ServerCertificateValidationCallback = (_, serverCertificate, chain, errors) => TlsTrust.Accepts(serverCertificate, chain, errors, authorities);
        }

        settings.SslSettings = ssl;
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
