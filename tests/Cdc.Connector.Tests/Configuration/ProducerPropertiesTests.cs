using Cdc.Cli;
using Cdc.Connector.Tests.Check;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>
/// Issue 13: a kafka.producer property librdkafka does not know, or a value it refuses, is a configuration error of
/// every verb, found when the configuration loads: named by its key, with librdkafka's reason and the fix, before
/// anything starts (no HTTP endpoint, no producer, no check of an endpoint).
/// </summary>
public sealed class ProducerPropertiesTests : IDisposable
{
    private const string Unknown =
        "'kafka.producer.not.a.prop' is refused by librdkafka: No such configuration property: \"not.a.prop\" (in --set kafka.producer.not.a.prop); "
        + "correct the property's name (librdkafka's CONFIGURATION.md lists every property) or remove the entry.";

    private readonly string _directory = Directory.CreateTempSubdirectory("cdc-producer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Print_config_refuses_it()
    {
        var (exit, stdout, stderr) = Run(RunCommandWith, "--print-config", "--set", "kafka.producer.not.a.prop=1");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"cdc run: configuration: {Unknown}{Environment.NewLine}", stderr);
    }

    [Fact]
    public void Run_refuses_it_before_anything_starts()
    {
        // An HTTP port already taken: a run that got as far as serving /healthz would fail on it instead.
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, stdout, stderr) = Run(RunCommandWith, "--set", "http.host=127.0.0.1", "--set", $"http.port={port}", "--set", "kafka.producer.not.a.prop=1");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"cdc run: configuration: {Unknown}{Environment.NewLine}", stderr);
    }

    [Fact]
    public void Check_refuses_it_as_a_configuration_failure_without_contacting_anything()
    {
        var run = CheckRun.Invoke([.. Endpoints(), "--set", "kafka.producer.not.a.prop=1"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"FAIL  configuration: {Unknown} — fix: correct the key named above; nothing was contacted"], run.Lines);
    }

    [Fact]
    public void Inspect_refuses_it_too()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = InspectCommand.Run(["--set", "kafka.producer.not.a.prop=1", "-"], new StringReader("{}"), stdout, stderr, Load.NoEnvironment);

        Assert.Equal(1, exit);
        Assert.Equal($"cdc inspect: configuration: {Unknown}{Environment.NewLine}", stderr.ToString());
    }

    [Theory]
    [InlineData("acks=banana", "'kafka.producer.acks' must stay all (-1)")]
    [InlineData("linger.ms=banana", "'kafka.producer.linger.ms' is refused by librdkafka: Invalid value for configuration property \"queue.buffering.max.ms\" (in --set kafka.producer.linger.ms); ")]
    [InlineData("linger.ms=999999999", "'kafka.producer.linger.ms' is refused by librdkafka: Configuration property \"queue.buffering.max.ms\" value 1e+09 is outside allowed range 0..900000 (in --set kafka.producer.linger.ms); ")]
    [InlineData("batch.num.messages=-1", "'kafka.producer.batch.num.messages' is refused by librdkafka: Configuration property \"batch.num.messages\" value -1 is outside allowed range 1..1000000 (in --set kafka.producer.batch.num.messages); ")]
    [InlineData("compression.type=brotli", "'kafka.producer.compression.type' is refused by librdkafka: Invalid value \"brotli\" for configuration property \"compression.codec\" (in --set kafka.producer.compression.type); ")]
    public void An_invalid_value_is_refused_by_print_config(string entry, string problem)
    {
        var (exit, stdout, stderr) = Run(RunCommandWith, "--print-config", "--set", "kafka.producer." + entry);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith($"cdc run: configuration: {problem}", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_valid_entries_pass()
    {
        var problems = Load.ProblemsFromSets("kafka.producer.linger.ms=5", "kafka.producer.not.a.prop=1", "kafka.producer.acks=banana", "kafka.producer.compression.type=zstd", "kafka.producer.nor.this=2");

        Assert.Equal(3, problems.Count);
        Assert.Contains(Unknown, problems);
        Assert.Contains(problems, problem => problem.StartsWith("'kafka.producer.acks' must stay all (-1)", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("'kafka.producer.nor.this' is refused by librdkafka: No such configuration property: \"nor.this\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Properties_librdkafka_knows_load_and_print_as_given()
    {
        var options = Load.FromSets("kafka.producer.linger.ms=5", "kafka.producer.security.protocol=sasl_ssl", "kafka.producer.sasl.mechanism=PLAIN", "kafka.producer.sasl.password=pw", "kafka.producer.max.in.flight.requests.per.connection=5");

        Assert.Equal("5", options.Kafka.Producer["linger.ms"]);
        Assert.Equal(5, options.Kafka.Producer.Count);
    }

    [Fact]
    public void A_tls_file_librdkafka_cannot_read_is_refused_by_run_and_print_config_but_not_by_inspect()
    {
        var missing = Path.Combine(_directory, "no-such-ca.pem");
        string[] tls = ["--set", "kafka.producer.security.protocol=sasl_ssl", "--set", "kafka.producer.sasl.mechanism=PLAIN", "--set", $"kafka.producer.ssl.ca.location={missing}"];

        var (exit, stdout, stderr) = Run(RunCommandWith, [.. tls, "--print-config"]);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith(
            "cdc run: configuration: 'kafka.producer.ssl.ca.location' (in --set kafka.producer.ssl.ca.location) is refused by librdkafka when it creates the producer: ssl.ca.location failed: ",
            stderr,
            StringComparison.Ordinal);

        // inspect reads no file and contacts nothing: only the properties themselves are judged.
        using var inspected = new StringWriter();
        using var inspectErrors = new StringWriter();
        var inspectExit = InspectCommand.Run([.. tls, "-"], new StringReader(DropEvent), inspected, inspectErrors, Load.NoEnvironment);
        Assert.True(inspectExit == 0, inspectErrors.ToString());
    }

    private const string DropEvent = """
        { "_id": { "_data": "82AA" }, "operationType": "drop", "clusterTime": { "$timestamp": { "t": 5, "i": 1 } },
          "ns": { "db": "shop", "coll": "orders" } }
        """;

    private static int RunCommandWith(string[] args, TextWriter stdout, TextWriter stderr) => RunCommand.Run(args, stdout, stderr, Load.NoEnvironment);

    private (int Exit, string Stdout, string Stderr) Run(Func<string[], TextWriter, TextWriter, int> command, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = command([.. Endpoints(), .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A complete configuration whose endpoints refuse connections: nothing here may be contacted.</summary>
    private string[] Endpoints() =>
    [
        "--set", "mongodb.uri=mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200",
        "--set", "kafka.bootstrapServers=127.0.0.1:1",
        "--set", "schemaRegistry.url=http://127.0.0.1:1",
        "--set", $"checkpoint.path={Path.Combine(_directory, "checkpoint")}",
    ];
}
