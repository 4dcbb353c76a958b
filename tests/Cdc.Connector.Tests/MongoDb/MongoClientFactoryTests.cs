using Cdc.Connector.Configuration;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Tests.Logging;
using Cdc.Sandbox.MongoDb.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Tests.MongoDb;

public sealed class MongoClientFactoryTests
{
    private const string Password = "hunter2";

    [Fact]
    public async Task The_application_name_reaches_the_servers_handshake()
    {
        await using var server = MongoServer.Start();
        using var writer = new MongoClient(server.ConnectionString);
        using var cdc = MongoClientFactory.Create(server.ConnectionString, MongoClientFactory.ApplicationName, NullLoggerFactory.Instance);
        using var other = MongoClientFactory.Create(server.ConnectionString, "cdc-other", NullLoggerFactory.Instance);
        FailPingsOf(writer, "cdc");

        var refused = Assert.Throws<MongoCommandException>(() => Ping(cdc));
        Ping(other);
        Ping(writer);
        var fired = EmulatorWrites.Run(writer, "admin", """{"configureFailPoint": "failCommand", "mode": "off"}""");

        Assert.Equal(8, refused.Code);
        Assert.Equal(1, fired["count"].ToInt32());
        Assert.Equal("cdc", cdc.Settings.ApplicationName);
        Assert.Equal("cdc-other", other.Settings.ApplicationName);
    }

    [Fact]
    public async Task An_appName_in_the_uri_wins_over_the_given_name()
    {
        await using var server = MongoServer.Start();
        using var writer = new MongoClient(server.ConnectionString);
        using var client = MongoClientFactory.Create(server.ConnectionString + "&appName=orders-eu", MongoClientFactory.ApplicationName, NullLoggerFactory.Instance);

        FailPingsOf(writer, "cdc");
        Ping(client);
        FailPingsOf(writer, "orders-eu");
        var refused = Assert.Throws<MongoCommandException>(() => Ping(client));
        EmulatorWrites.Run(writer, "admin", """{"configureFailPoint": "failCommand", "mode": "off"}""");

        Assert.Equal(8, refused.Code);
        Assert.Equal("orders-eu", client.Settings.ApplicationName);
    }

    [Theory]
    [InlineData("", 3_000, 3_000)]
    [InlineData("serverSelectionTimeoutMS=7000", 7_000, 3_000)]
    [InlineData("connectTimeoutMS=9000", 3_000, 9_000)]
    [InlineData("serverSelectionTimeoutMS=7000&connectTimeoutMS=9000", 7_000, 9_000)]
    public void A_time_limit_bounds_only_the_timeouts_the_uri_does_not_set(string options, int serverSelectionMs, int connectMs)
    {
        using var client = MongoClientFactory.Create(ClosedPortUri(options), "cdc", NullLoggerFactory.Instance, TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromMilliseconds(serverSelectionMs), client.Settings.ServerSelectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(connectMs), client.Settings.ConnectTimeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("serverSelectionTimeoutMS=7000")]
    public void Without_a_time_limit_the_uri_and_the_drivers_defaults_apply(string options)
    {
        var uri = ClosedPortUri(options);
        var expected = MongoClientSettings.FromConnectionString(uri);

        using var client = MongoClientFactory.Create(uri, "cdc", NullLoggerFactory.Instance);

        Assert.Equal(expected.ServerSelectionTimeout, client.Settings.ServerSelectionTimeout);
        Assert.Equal(expected.ConnectTimeout, client.Settings.ConnectTimeout);
    }

    [Fact]
    public void An_unknown_uri_option_is_logged_once_as_a_warning_naming_it()
    {
        var log = new CapturedLog();
        using (var factory = log.CreateFactory(LogLevel.Information))
        {
            using var client = MongoClientFactory.Create($"mongodb://cdc:{Password}@127.0.0.1:{MongoFailureTranslatorTests.ClosedPort()}/?bogusOption=1&retryWrites=false&tlsNope=x", "cdc", factory);
        }

        var unknown = log.Entries.Where(entry => entry.EventId.Id == 1200).ToList();
        Assert.Equal(
            [
                "mongodb.uri option 'bogusOption' is not known to the MongoDB driver and is ignored; check its spelling against the connection string documentation",
                "mongodb.uri option 'tlsNope' is not known to the MongoDB driver and is ignored; check its spelling against the connection string documentation",
            ],
            unknown.Select(entry => entry.Message));
        Assert.All(unknown, entry => Assert.Equal((MongoDriverLog.Category, LogLevel.Warning), (entry.Category, entry.Level)));
        Assert.DoesNotContain(log.Entries, entry => entry.Message.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public void Known_uri_options_log_no_warning()
    {
        var log = new CapturedLog();
        using (var factory = log.CreateFactory(LogLevel.Information))
        {
            using var client = MongoClientFactory.Create($"mongodb://127.0.0.1:{MongoFailureTranslatorTests.ClosedPort()}/?replicaSet=rs0&retryWrites=false&readPreference=primary", "cdc", factory);
        }

        Assert.DoesNotContain(log.Entries, entry => entry.EventId.Id == 1200);
    }

    [Fact]
    public void A_uri_the_driver_refuses_is_a_configuration_error_without_the_password()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            MongoClientFactory.Create($"mongodb://cdc:{Password}@db1/?maxPoolSize=many", "cdc", NullLoggerFactory.Instance));

        Assert.Equal("'mongodb.uri' mongodb://cdc:****@db1/?maxPoolSize=many is not a valid MongoDB connection string: maxPoolSize has an invalid int32 value of many.", error.Message);
    }

    [Theory]
    [InlineData("mongodb://db1")]
    [InlineData("mongodb://cdc:hunter2@db1:27017,db2:27018/shop?replicaSet=rs0&authSource=admin&retryWrites=false")]
    [InlineData("mongodb://db1/?bogusOption=1")]
    [InlineData("mongodb+srv://cdc:hunter2@cluster0.example.net/?appName=orders")]
    [InlineData("mongodb://db1/?serverSelectionTimeoutMS=500&connectTimeoutMS=500&directConnection=true")]
    public void A_usable_uri_has_no_problem(string uri)
    {
        Assert.Null(MongoUriCheck.Problem(uri));
    }

    [Theory]
    [InlineData("mongodb://cdc:hunter2@db1/?maxPoolSize=many", "maxPoolSize has an invalid int32 value of many")]
    [InlineData("mongodb://cdc:hunter2@db1:port/", "The connection string 'mongodb://<hidden>@db1:port/' is not valid")]
    [InlineData("mongodb+srv://cdc:hunter2@db1,db2/", "Only 1 host is allowed when using the mongodb+srv scheme")]
    [InlineData("mongodb://cdc:hunter2@db1/?tls=maybe", "tls has an invalid boolean value of maybe")]
    [InlineData("mongodb://cdc:hunter2@db1/?authMechanism=BOGUS", "Unsupported MongoAuthenticationMechanism BOGUS")]
    [InlineData("mongodb://cdc:hunter2@db1/?minPoolSize=10&maxPoolSize=5", "maxPoolSize must be greater than or equal to minPoolSize")]
    [InlineData("mongodb://cdc:hunter2@db1,db2/?directConnection=true", "Direct connect cannot be used with multiple host names")]
    public void A_uri_the_driver_refuses_has_its_reason_without_the_password(string uri, string problem)
    {
        Assert.Equal(problem, MongoUriCheck.Problem(uri));
    }

    [Theory]
    [InlineData("tlsCAFile=/etc/ssl/ca.pem", "the MongoDB C# driver does not read tlsCAFile from a connection string, so the CA would be ignored and TLS would fail: add the CA to this machine's trust store")]
    [InlineData("tlsCertificateKeyFile=/etc/ssl/client.pem", "the MongoDB C# driver does not read tlsCertificateKeyFile from a connection string, and cdc cannot present a client certificate (X.509) yet")]
    [InlineData("tlsCertificateKeyFilePassword=hunter2", "the MongoDB C# driver does not read tlsCertificateKeyFilePassword from a connection string")]
    [InlineData("tlsAllowInvalidHostnames=true", "the MongoDB C# driver does not read tlsAllowInvalidHostnames from a connection string, so it would have no effect")]
    [InlineData("authMechanism=MONGODB-AWS", "authMechanism MONGODB-AWS needs the driver's separate AWS authentication package, which this build of cdc does not include")]
    public void An_option_the_driver_would_take_but_not_honour_is_refused_before_anything_connects(string option, string problem)
    {
        var uri = $"mongodb://cdc:{Password}@db1/?tls=true&{option}";

        var found = MongoUriCheck.Problem(uri);

        Assert.NotNull(found);
        Assert.StartsWith(problem, found, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, found, StringComparison.Ordinal);
        Assert.Single(Configuration.Load.ProblemsFromSets($"mongodb.uri={uri}"), p => p.Contains(problem, StringComparison.Ordinal));
    }

    private static void FailPingsOf(MongoClient writer, string appName) => EmulatorWrites.FailPoint(writer, $$$"""
        {"configureFailPoint": "failCommand", "mode": "alwaysOn", "data": {"failCommands": ["ping"], "appName": "{{{appName}}}", "errorCode": 8}}
        """);

    private static string ClosedPortUri(string options) =>
        $"mongodb://127.0.0.1:{MongoFailureTranslatorTests.ClosedPort()}/" + (options.Length == 0 ? string.Empty : "?" + options);

    private static void Ping(MongoClient client) => client.GetDatabase("admin").RunCommand<BsonDocument>(new BsonDocument("ping", 1));
}
