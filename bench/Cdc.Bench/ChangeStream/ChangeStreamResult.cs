using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.ChangeStream;

/// <summary>The changestream benchmark's figures, printed as one JSON line.</summary>
internal sealed class ChangeStreamResult
{
    /// <summary>Issue 3: one change stream is served at least this many events per second.</summary>
    public const double Limit = 20_000;

    /// <summary>
    /// How much more than the driver alone the connector's source may allocate per event: the postBatchResumeToken it
    /// copies once per batch (≈ 100 bytes per 5,000 events) is far below it; the rest is room for the whole-process
    /// figure's run-to-run noise, about ±0.5%, as large for the driver alone as for the source.
    /// </summary>
    public const double AllocSlack = 0.01;

    private readonly IReadOnlyList<ChangeStreamPass> _sourceRuns;
    private readonly IReadOnlyList<ChangeStreamPass> _driverRuns;

    public ChangeStreamResult(int events, double nodeEventsPerSec, string nodeReader, string driverVersion, IReadOnlyList<ChangeStreamPass> sourceRuns, IReadOnlyList<ChangeStreamPass> driverRuns)
    {
        Events = events;
        EventsPerSec = nodeEventsPerSec;
        Reader = nodeReader;
        DriverVersion = driverVersion;
        _sourceRuns = sourceRuns;
        _driverRuns = driverRuns;
        Source = Summary(sourceRuns);
        Driver = Summary(driverRuns);
    }

    public int Events { get; }

    /// <summary>The Node.js reader's events/s (the reference).</summary>
    public double EventsPerSec { get; }

    public string Reader { get; }

    public string DriverVersion { get; }

    /// <summary>The connector's ChangeStreamSource: best events/s and events per CPU second of the rounds, mean allocation.</summary>
    public ChangeStreamPass Source { get; }

    /// <summary>The driver alone, summarised the same way.</summary>
    public ChangeStreamPass Driver { get; }

    public double RatioToLimit => EventsPerSec / Limit;

    public double SourceRatioToNode => Source.EventsPerSec / EventsPerSec;

    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "changestream");
            json.WriteNumber("events", Events);
            json.WriteNumber("eventsPerSec", Math.Round(EventsPerSec));
            json.WriteString("reader", Reader);
            json.WriteNumber("limit", Limit);
            json.WriteNumber("ratioToLimit", Math.Round(RatioToLimit, 2));
            json.WriteString("sourceReader", $"cdc ChangeStreamSource, MongoDB.Driver {DriverVersion}");
            json.WriteNumber("sourceEventsPerSec", Math.Round(Source.EventsPerSec));
            json.WriteNumber("sourceRatioToNode", Math.Round(SourceRatioToNode, 2));
            json.WriteNumber("sourceEventsPerCpuSec", Math.Round(Source.EventsPerCpuSec));
            json.WriteNumber("sourceAllocBytesPerEvent", Math.Round(Source.AllocBytesPerEvent, 1));
            json.WriteString("driverReader", $"MongoDB.Driver {DriverVersion} Watch<RawBsonDocument>");
            json.WriteNumber("driverEventsPerSec", Math.Round(Driver.EventsPerSec));
            json.WriteNumber("driverEventsPerCpuSec", Math.Round(Driver.EventsPerCpuSec));
            json.WriteNumber("driverAllocBytesPerEvent", Math.Round(Driver.AllocBytesPerEvent, 1));
            json.WriteNumber("sourceToDriver", Math.Round(Source.EventsPerSec / Driver.EventsPerSec, 2));
            json.WriteNumber("avgEventBytes", Math.Round(Source.AvgEventBytes));
            WriteRuns(json, "sourceRuns", _sourceRuns);
            WriteRuns(json, "driverRuns", _driverRuns);
            json.WriteStartObject("targets");
            json.WriteBoolean("atLeast20000", EventsPerSec >= Limit);
            json.WriteBoolean("sourceAtLeast20000", Source.EventsPerSec >= Limit);
            json.WriteBoolean("sourceAllocWithin1PercentOfDriver", Source.AllocBytesPerEvent <= Driver.AllocBytesPerEvent * (1 + AllocSlack));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static ChangeStreamPass Summary(IReadOnlyList<ChangeStreamPass> runs) => new(
        runs.Max(run => run.EventsPerSec),
        runs.Max(run => run.EventsPerCpuSec),
        runs.Average(run => run.AllocBytesPerEvent),
        runs.Average(run => run.AvgEventBytes));

    private static void WriteRuns(Utf8JsonWriter json, string name, IReadOnlyList<ChangeStreamPass> runs)
    {
        json.WriteStartArray(name);
        foreach (var run in runs)
        {
            json.WriteNumberValue(Math.Round(run.EventsPerSec));
        }

        json.WriteEndArray();
    }
}
