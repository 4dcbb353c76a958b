using Cdc.Connector.Interop.Mongoc;
using Cdc.Connector.Tests.Logging;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Interop;

public sealed class MongocLogTests
{
    [Fact]
    public void A_libmongoc_warning_about_an_unknown_uri_option_reaches_the_logger_without_the_password()
    {
        var log = new CapturedLog();
        using var factory = log.CreateFactory(LogLevel.Information);
        using (MongocLog.AddSink(factory))
        {
            using var client = MongoClient.Create("mongodb://cdc:hunter2@127.0.0.1:1/?notAnOption=1&appname=mongoc-log-test", "cdc-test");
        }

        var entry = Assert.Single(log.Entries, e => e.Message.Contains("notanoption", StringComparison.Ordinal));
        Assert.Equal(MongocLog.Category, entry.Category);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(1200, entry.EventId.Id);
        Assert.Equal("libmongoc mongoc: Unsupported URI option \"notanoption\"", entry.Message);
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_quoting_a_uri_is_redacted_before_any_logger_sees_it()
    {
        var log = new CapturedLog();
        using var factory = log.CreateFactory(LogLevel.Trace);
        using (MongocLog.AddSink(factory))
        {
            MongocLog.Deliver(LogLevel.Error, "cluster", "Failed to connect to mongodb://admin:p@ss:w0rd@db1:27017,db2/?authSource=admin now");
        }

        var entry = Assert.Single(log.Entries, e => e.Message.Contains("Failed to connect", StringComparison.Ordinal));
        Assert.Equal("libmongoc cluster: Failed to connect to mongodb://admin:****@db1:27017,db2/?authSource=admin now", entry.Message);
    }

    [Fact]
    public void A_disposed_route_receives_nothing_more()
    {
        var log = new CapturedLog();
        using var factory = log.CreateFactory(LogLevel.Trace);
        var route = MongocLog.AddSink(factory);
        MongocLog.Deliver(LogLevel.Warning, "test", "first route-test message");
        route.Dispose();
        MongocLog.Deliver(LogLevel.Warning, "test", "second route-test message");

        Assert.Single(log.Entries, e => e.Message.Contains("route-test", StringComparison.Ordinal));
    }

    [Fact]
    public void Levels_below_the_loggers_minimum_are_not_delivered()
    {
        var log = new CapturedLog();
        using var factory = log.CreateFactory(LogLevel.Information);
        using (MongocLog.AddSink(factory))
        {
            MongocLog.Deliver(LogLevel.Debug, "test", "debug level-test message");
            MongocLog.Deliver(LogLevel.Information, "test", "info level-test message");
        }

        var entry = Assert.Single(log.Entries, e => e.Message.Contains("level-test", StringComparison.Ordinal));
        Assert.Equal("libmongoc test: info level-test message", entry.Message);
    }

    [Theory]
    [InlineData(0, LogLevel.Error)]
    [InlineData(1, LogLevel.Critical)]
    [InlineData(2, LogLevel.Warning)]
    [InlineData(3, LogLevel.Information)]
    [InlineData(4, LogLevel.Information)]
    [InlineData(5, LogLevel.Debug)]
    [InlineData(6, LogLevel.Trace)]
    public void Mongoc_levels_map_to_log_levels(int mongocLevel, LogLevel expected)
    {
        Assert.Equal(expected, MongocLog.ToLogLevel(mongocLevel));
    }
}
