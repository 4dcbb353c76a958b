using System.Text.Json;
using Cdc.Cli;
using Cdc.Connector.Tests.Configuration;

namespace Cdc.Connector.Tests.Cli;

/// <summary>`cdc run --print-config`: the effective configuration, secrets masked, without connecting anywhere.</summary>
public sealed class PrintConfigTests
{
    private const string Json = """
        {
          "mongodb": { "uri": "mongodb://cdc:file-secret@db1,db2/?replicaSet=rs0", "scope": "database", "database": "shop" },
          "kafka": { "bootstrapServers": "k1:9092", "producer": { "linger.ms": 5 } },
          "schemaRegistry": { "url": "http://registry:8081" },
          "checkpoint": { "path": "/var/lib/cdc/checkpoint" }
        }
        """;

    [Fact]
    public void The_effective_configuration_of_every_source_is_printed_with_secrets_masked()
    {
        using var file = new TemporaryConfigFile(Json);
        var environment = Load.Environment(("CDC__SCHEMAREGISTRY__BASICAUTH", "user:env-secret"), ("CDC__KAFKA__PRODUCER__SASL_PASSWORD", "sasl-secret"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = RunCommand.Run(
            ["--config", file.Path, "--set", "logging.format=json", "--set", """mongodb.collation={"locale": "fr", "strength": 2}""", "--set", "mongodb.comment=orders-eu", "--print-config"],
            stdout,
            stderr,
            environment);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr.ToString());
        var text = stdout.ToString();
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("mongodb://cdc:****@db1,db2/?replicaSet=rs0", root.GetProperty("mongodb").GetProperty("uri").GetString());
        Assert.Equal("shop", root.GetProperty("mongodb").GetProperty("database").GetString());
        var collation = root.GetProperty("mongodb").GetProperty("collation");
        Assert.Equal(("fr", 2, 2), (collation.GetProperty("locale").GetString(), collation.GetProperty("strength").GetInt32(), collation.EnumerateObject().Count()));
        Assert.Equal("orders-eu", root.GetProperty("mongodb").GetProperty("comment").GetString());
        Assert.Equal("***", root.GetProperty("schemaRegistry").GetProperty("basicAuth").GetString());
        Assert.Equal("***", root.GetProperty("kafka").GetProperty("producer").GetProperty("sasl.password").GetString());
        Assert.Equal("5", root.GetProperty("kafka").GetProperty("producer").GetProperty("linger.ms").GetString());
        Assert.Equal("json", root.GetProperty("logging").GetProperty("format").GetString());
        Assert.Equal(8080, root.GetProperty("http").GetProperty("port").GetInt32());
    }

    [Fact]
    public void A_configuration_run_would_refuse_is_reported_instead_of_printed()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = RunCommand.Run(["--print-config", "--set", "logging.level=loud"], stdout, stderr, Load.NoEnvironment);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout.ToString());
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "cdc run: configuration: 'logging.level' must be one of trace, debug, information, warning, error, critical; got \"loud\" (in --set logging.level).",
            lines[0]);

        // The missing endpoints come in the same pass, not after the level is fixed.
        Assert.Equal(
            ["mongodb.uri", "kafka.bootstrapServers", "schemaRegistry.url", "checkpoint.path"],
            lines[1..].Select(line => line.Split('\'')[1]));
    }

    [Fact]
    public void Missing_endpoints_are_reported_as_run_reports_them()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = RunCommand.Run(["--print-config", "--set", "mapping.json=canonical"], stdout, stderr, Load.NoEnvironment);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Contains(
            "cdc run: configuration: 'mongodb.uri' is required to run the connector: set it in the configuration file, with CDC__MONGODB__URI, or with --set mongodb.uri=….",
            stderr.ToString().Split('\n'));
    }

    [Fact]
    public void The_usage_lists_the_option()
    {
        Assert.Contains("--print-config", RunArguments.Usage, StringComparison.Ordinal);
        Assert.True(RunArguments.Parse(["--print-config", "--config", "c.json"], out var error)!.PrintConfig);
        Assert.Null(error);
        Assert.False(RunArguments.Parse(["--config", "c.json"], out _)!.PrintConfig);
    }
}
