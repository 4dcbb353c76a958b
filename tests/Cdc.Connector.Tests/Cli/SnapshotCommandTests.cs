using Cdc.Cli;

namespace Cdc.Connector.Tests.Cli;

/// <summary>`cdc snapshot`'s command line, refused before anything is contacted; the request itself is tested end to end in SnapshotTests.</summary>
public sealed class SnapshotCommandTests
{
    [Theory]
    [InlineData(new string[0], "name at least one collection to snapshot, as DATABASE.COLLECTION.")]
    [InlineData(new[] { "--config" }, "--config needs a value.")]
    [InlineData(new[] { "--timeout", "0", "shop.orders" }, "--timeout must be a whole number of seconds from 1 to 604800, not '0'.")]
    [InlineData(new[] { "--bogus", "shop.orders" }, "unknown option '--bogus'.")]
    public void Wrong_usage_exits_2_with_the_problem_and_the_usage(string[] args, string problem)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = SnapshotCommand.Run(args, stdout, stderr, new Dictionary<string, string>());

        Assert.Equal(2, code);
        Assert.StartsWith($"cdc snapshot: {problem}", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: cdc snapshot --config FILE", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Namespaces_that_are_not_database_dot_collection_or_outside_the_scope_are_refused_by_name()
    {
        // Nothing is contacted or written: the names are refused before the store is opened.
        var config = Path.Combine(Path.GetTempPath(), $"cdc-snapshot-{Guid.NewGuid():N}.json");
        var checkpoint = System.Text.Json.JsonSerializer.Serialize(Path.ChangeExtension(config, ".checkpoint.json"));
        File.WriteAllText(config, $$$"""
            {"mongodb": {"uri": "mongodb://127.0.0.1:1/?replicaSet=rs0", "scope": "database", "database": "shop"},
             "kafka": {"bootstrapServers": "127.0.0.1:1"}, "schemaRegistry": {"url": "http://127.0.0.1:1"},
             "checkpoint": {"store": "file", "path": {{{checkpoint}}}}}
            """);
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var code = SnapshotCommand.Run(["--config", config, "shop", "billing.invoices", "shop.orders"], stdout, stderr, new Dictionary<string, string>());

            Assert.Equal(1, code);
            Assert.Equal(
                "cdc snapshot: 'shop' is not DATABASE.COLLECTION; billing.invoices is outside what the pipeline publishes (database shop, mongodb.includeNamespaces/excludeNamespaces): its rows would have no topic"
                + Environment.NewLine,
                stderr.ToString());
            Assert.Empty(stdout.ToString());
        }
        finally
        {
            File.Delete(config);
        }
    }
}
