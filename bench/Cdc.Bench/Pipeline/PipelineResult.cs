using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.Pipeline;

/// <summary>The pipeline benchmark's figures (best pass of each side), printed as one JSON line.</summary>
internal sealed record PipelineResult(
    int Events,
    int Records,
    double AverageRecordBytes,
    IReadOnlyList<double> PipelineRuns,
    IReadOnlyList<double> RawRuns,
    IReadOnlyList<double> PipelineCpuRuns,
    IReadOnlyList<double> RawCpuRuns,
    int CheckpointSaves)
{
    /// <summary>Issue 4: the pipeline keeps at least this share of raw produce throughput.</summary>
    public const double Target = 0.8;

    public double PipelineEventsPerSecond => PipelineRuns.Max();

    public double RawEventsPerSecond => RawRuns.Max();

    public double Ratio => PipelineEventsPerSecond / RawEventsPerSecond;

    public double PipelineEventsPerCpuSecond => PipelineCpuRuns.Max();

    public double RawEventsPerCpuSecond => RawCpuRuns.Max();

    /// <summary>The same comparison by the process's CPU time: far less sensitive to other work on a shared machine.</summary>
    public double CpuRatio => PipelineEventsPerCpuSecond / RawEventsPerCpuSecond;

    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "pipeline");
            json.WriteNumber("events", Events);
            json.WriteNumber("records", Records);
            json.WriteNumber("avgRecordBytes", Math.Round(AverageRecordBytes));
            json.WriteNumber("pipelineEventsPerSecond", Math.Round(PipelineEventsPerSecond));
            json.WriteNumber("rawEventsPerSecond", Math.Round(RawEventsPerSecond));
            json.WriteNumber("ratio", Math.Round(Ratio, 2));
            json.WriteNumber("target", Target);
            WriteRuns(json, "pipelineRuns", PipelineRuns);
            WriteRuns(json, "rawRuns", RawRuns);
            json.WriteNumber("pipelineEventsPerCpuSecond", Math.Round(PipelineEventsPerCpuSecond));
            json.WriteNumber("rawEventsPerCpuSecond", Math.Round(RawEventsPerCpuSecond));
            json.WriteNumber("cpuRatio", Math.Round(CpuRatio, 2));
            json.WriteNumber("checkpointSaves", CheckpointSaves);
            json.WriteString("kafka", "embedded, 3 brokers, 4 partitions per topic; connector producer defaults (lz4, linger.ms=10, acks=all, idempotent)");
            json.WriteStartObject("targets");
            json.WriteBoolean("ratioAtLeast0.8", Ratio >= Target);
            json.WriteBoolean("cpuRatioAtLeast0.8", CpuRatio >= Target);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRuns(Utf8JsonWriter json, string name, IReadOnlyList<double> runs)
    {
        json.WriteStartArray(name);
        foreach (var run in runs)
        {
            json.WriteNumberValue(Math.Round(run));
        }

        json.WriteEndArray();
    }
}
