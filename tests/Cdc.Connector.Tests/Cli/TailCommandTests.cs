using Cdc.Cli;
using Cdc.Connector.Tests.Configuration;

namespace Cdc.Connector.Tests.Cli;

/// <summary>`cdc tail`'s command line and what it refuses before reading anything; the reading itself is tested end to end in TailTests.</summary>
public sealed class TailCommandTests
{
    [Fact]
    public void Every_option_is_read_in_both_spellings_and_topics_are_kept_in_order_once()
    {
        var parsed = TailArguments.Parse(
            ["--config", "a.json", "--set", "x=1", "--set=y=2", "cdc.shop.orders", "--from-beginning", "--json", "--max=25", "cdc.shop.customers", "cdc.shop.orders"],
            out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal("a.json", parsed.ConfigPath);
        Assert.Equal(["x=1", "y=2"], parsed.SetArguments);
        Assert.Equal(["cdc.shop.orders", "cdc.shop.customers"], parsed.Topics);
        Assert.True(parsed.FromBeginning);
        Assert.True(parsed.Json);
        Assert.Equal(25, parsed.Max);
        Assert.False(parsed.Help);
    }

    [Fact]
    public void Without_options_it_reads_every_pipeline_topic_from_the_end_as_text_without_limit()
    {
        var parsed = TailArguments.Parse(["--config", "a.json"], out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Empty(parsed.Topics);
        Assert.False(parsed.FromBeginning);
        Assert.False(parsed.Json);
        Assert.Null(parsed.Max);
    }

    [Fact]
    public void Max_takes_its_value_from_the_next_argument()
    {
        Assert.Equal(3, TailArguments.Parse(["--max", "3", "--config", "a.json"], out _)!.Max);
    }

    [Fact]
    public void Help_wins()
    {
        Assert.True(TailArguments.Parse(["--config", "a.json", "--max", "3", "--help", "--bogus"], out _)!.Help);
    }

    [Theory]
    [InlineData(new[] { "--config" }, "--config needs a value.")]
    [InlineData(new[] { "--set" }, "--set needs a value.")]
    [InlineData(new[] { "--max" }, "--max needs a value.")]
    [InlineData(new[] { "--max", "0" }, "--max must be a whole number of records from 1, not '0'.")]
    [InlineData(new[] { "--max", "-5" }, "--max must be a whole number of records from 1, not '-5'.")]
    [InlineData(new[] { "--max=ten" }, "--max must be a whole number of records from 1, not 'ten'.")]
    [InlineData(new[] { "--max=99999999999999999999" }, "--max must be a whole number of records from 1, not '99999999999999999999'.")]
    [InlineData(new[] { "--json=yes" }, "unknown option '--json=yes'.")]
    [InlineData(new[] { "--from-beginning=1" }, "unknown option '--from-beginning=1'.")]
    [InlineData(new[] { "--follow" }, "unknown option '--follow'.")]
    [InlineData(new[] { "shop orders" }, "'shop orders' must be a Kafka topic name: only letters, digits, '.', '_' and '-'.")]
    [InlineData(new[] { ".." }, "'..' must be a Kafka topic name: 1 to 249 characters, not \".\" or \"..\".")]
    public void Wrong_usage_exits_2_with_the_problem_and_the_usage(string[] args, string problem)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = TailCommand.Run(args, stdout, stderr, Load.NoEnvironment);

        Assert.Equal(2, code);
        Assert.StartsWith($"cdc tail: {problem}{Environment.NewLine}usage: cdc tail --config FILE", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void No_configuration_at_all_is_wrong_usage_that_names_what_to_give()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = TailCommand.Run(["cdc.shop.orders"], stdout, stderr, Load.NoEnvironment);

        Assert.Equal(2, code);
        Assert.StartsWith("cdc tail: no configuration: give --config FILE, the connector's", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_the_usage_with_the_output_forms_and_the_exit_codes_on_stdout()
    {
        var result = CliRun.Invoke("tail", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.StartsWith("usage: cdc tail --config FILE [--set key=value]… [--from-beginning] [--json] [--max N] [TOPIC…]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("{\"topic\",\"partition\",\"offset\",\"timestamp\",\"key\",\"value\"}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 when some record did not decode", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_cdc_run_refuses_is_refused_by_name_with_exit_1_before_anything_is_contacted()
    {
        using var file = new TemporaryConfigFile("""
            {"mongodb": {"uri": "mongodb://127.0.0.1:1/?replicaSet=rs0", "scope": "database", "database": "shop"},
             "kafka": {"bootstrapServers": "127.0.0.1:1", "topicPrefix": "bad prefix"}, "schemaRegistry": {"url": "http://127.0.0.1:1"}}
            """);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = TailCommand.Run(["--config", file.Path], stdout, stderr, Load.NoEnvironment);

        Assert.Equal(1, code);
        Assert.StartsWith("cdc tail: configuration: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("kafka.topicPrefix", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("reading", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_registry_that_does_not_answer_stops_it_with_exit_1_naming_schemaRegistry_url_before_kafka_is_asked()
    {
        // Port 1 refuses at once; the Kafka address would not answer either, and is never asked.
        using var file = new TemporaryConfigFile("""
            {"mongodb": {"uri": "mongodb://127.0.0.1:1/?replicaSet=rs0", "scope": "database", "database": "shop"},
             "kafka": {"bootstrapServers": "127.0.0.1:1"}, "schemaRegistry": {"url": "http://127.0.0.1:1"},
             "checkpoint": {"store": "file", "path": "shop-checkpoint.json"}}
            """);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = TailCommand.Run(["--config", file.Path], stdout, stderr, Load.NoEnvironment);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cdc tail: schemaRegistry: Schema Registry get compatibility level failed: http://127.0.0.1:1 → no answer", line, StringComparison.Ordinal);
        Assert.EndsWith("; fix: check schemaRegistry.url and that the registry is up and reachable from here", line, StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }
}
