using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cdc.Connector.Tests.Logging;

/// <summary>
/// `cdc run` against endpoints that refuse connections logs its start-up summary, the MongoDB driver's report of an
/// unknown URI option and the failed cycle; these tests read that stderr in both formats. Every line is the connector's
/// own: nothing native writes to stderr any more.
/// </summary>
public sealed partial class ConnectorProcessLogTests : IDisposable
{
    private const string Password = "s3cret-Pa55";
    private const string UnknownOption =
        "mongodb.uri option 'bogusOption' is not known to the MongoDB driver and is ignored; check its spelling against the connection string documentation";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("cdc-logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Json_format_writes_one_parseable_object_per_line_with_every_field()
    {
        var lines = Run("json", line => line.Contains("\"EventId\":106,", StringComparison.Ordinal));

        Assert.NotEmpty(lines);
        var events = new List<JsonElement>();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            events.Add(json.RootElement.Clone());
        }

        foreach (var logEvent in events)
        {
            var timestamp = logEvent.GetProperty("Timestamp").GetString()!;
            Assert.True(DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), timestamp);
            Assert.Equal(JsonValueKind.Number, logEvent.GetProperty("EventId").ValueKind);
            Assert.Contains(logEvent.GetProperty("LogLevel").GetString(), new[] { "Trace", "Debug", "Information", "Warning", "Error", "Critical" });
            // The library's categories, and the program's for the start-up lines (Cdc.Cli.Runtime.ConnectorHost).
            Assert.Matches(@"^Cdc\.(Connector|Cli)\.", logEvent.GetProperty("Category").GetString());
            Assert.False(string.IsNullOrEmpty(logEvent.GetProperty("Message").GetString()));
            Assert.Equal(JsonValueKind.Object, logEvent.GetProperty("State").ValueKind);
        }

        var summary = Assert.Single(events, e => e.GetProperty("EventId").GetInt32() == 100);
        Assert.False(string.IsNullOrEmpty(summary.GetProperty("EventName").GetString()));
        Assert.Equal("Information", summary.GetProperty("LogLevel").GetString());
        var unknown = Assert.Single(events, e => e.GetProperty("EventId").GetInt32() == 1200);
        Assert.Equal("Cdc.Connector.MongoDb.MongoDriverLog", unknown.GetProperty("Category").GetString());
        Assert.Equal("Warning", unknown.GetProperty("LogLevel").GetString());
        Assert.Equal(UnknownOption, unknown.GetProperty("Message").GetString());
        Assert.Equal("bogusOption", unknown.GetProperty("State").GetProperty("Option").GetString());
        Assert.Contains(events, e => e.GetProperty("EventId").GetInt32() == 106 && e.GetProperty("LogLevel").GetString() == "Error");
        Assert.DoesNotContain(lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_format_writes_one_timestamped_line_per_event_and_the_drivers_reports_through_the_logger()
    {
        var lines = Run("plain", line => line.Contains("PipelineRunner[106]", StringComparison.Ordinal));

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(PlainLine(), line));
        Assert.Contains(lines, line => line.Contains(" info: Cdc.Connector.Pipeline.PipelineRunner[100] ", StringComparison.Ordinal));
        Assert.Single(lines, line => line.EndsWith(" warn: Cdc.Connector.MongoDb.MongoDriverLog[1200] " + UnknownOption, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z (trce|dbug|info|warn|fail|crit): Cdc\.(Connector|Cli)\.[A-Za-z.]+\[\d+\] \S")]
    private static partial Regex PlainLine();

    private IReadOnlyList<string> Run(string format, Func<string, bool> stopAt) => ConnectorProcess.StderrUntil(
        [
            "run",
            "--set", $"mongodb.uri=mongodb://cdc:{Password}@127.0.0.1:1/?serverSelectionTimeoutMS=200&bogusOption=1",
            "--set", "kafka.bootstrapServers=127.0.0.1:1",
            "--set", "schemaRegistry.url=http://127.0.0.1:1",
            "--set", $"checkpoint.path={Path.Combine(_directory, "checkpoint")}",
            "--set", "http.enabled=false",
            "--set", $"logging.format={format}",
        ],
        stopAt,
        Timeout);
}
