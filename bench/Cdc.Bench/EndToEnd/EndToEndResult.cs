using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cdc.Bench.CatchUp;

namespace Cdc.Bench.EndToEnd;

/// <summary>The e2e benchmark's figures (catch-up, two live rates, a broker outage), printed as one JSON line.</summary>
internal sealed record EndToEndResult(
    int CatchUpEvents,
    double AvgDocumentBytes,
    CatchUpRun CatchUp,
    double IdleCpuShareOfOneCore,
    LivePhase Live1000,
    LivePhase Live5000,
    OutagePhase Outage,
    double StreamingPeakRssMb)
{
    public const double CatchUpTarget = 40_000;
    public const double PerCpuSecondTarget = 100_000;
    public const double P99TargetMs = 25;
    public const double OutageRssGrowthTargetMb = 64;

    /// <summary>Catch-up events over the connector's CPU time from the first event published to the last acknowledged.</summary>
    public double ConnectorEventsPerCpuSecond => CatchUpEvents / CatchUp.CatchUpCpuSeconds;

    /// <summary>The same over the whole process's CPU time (start-up, JIT and connecting included).</summary>
    public double WholeProcessEventsPerCpuSecond => CatchUpEvents / CatchUp.CpuSeconds;

    /// <summary>Set by a run beside a peer implementation (its events per CPU second in the same catch-up); absent otherwise.</summary>
    public double? PeerEventsPerCpuSecond { get; init; }

    /// <summary>The `--set` settings the connectors ran with beyond the benchmark's own; printed when there are any.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "e2e");
            if (Settings.Count > 0)
            {
                json.WriteStartArray("settings");
                foreach (var setting in Settings)
                {
                    json.WriteStringValue(setting);
                }

                json.WriteEndArray();
            }

            json.WriteNumber("catchUpEventsPerSecond", Math.Round(CatchUp.EventsPerSecond));
            json.WriteNumber("connectorEventsPerCpuSecond", Math.Round(ConnectorEventsPerCpuSecond));
            json.WriteNumber("wholeProcessEventsPerCpuSecond", Math.Round(WholeProcessEventsPerCpuSecond));
            if (PeerEventsPerCpuSecond is { } peer)
            {
                json.WriteNumber("peerEventsPerCpuSecond", Math.Round(peer));
                json.WriteNumber("ratio", Math.Round(ConnectorEventsPerCpuSecond / peer, 2));
            }

            json.WriteNumber("catchUpEvents", CatchUpEvents);
            json.WriteNumber("avgDocumentBytes", Math.Round(AvgDocumentBytes));
            json.WriteNumber("catchUpStartupSeconds", Math.Round(CatchUp.StartupSeconds, 2));
            json.WriteNumber("catchUpPeakRssMb", Math.Round(CatchUp.PeakRssMb));
            json.WriteNumber("latencyRateEventsPerSecond", Math.Round(Live5000.WriteEventsPerSecond));
            json.WriteNumber("latencyP50Ms", Math.Round(Live5000.LatencyP50Ms, 1));
            json.WriteNumber("latencyP99Ms", Math.Round(Live5000.LatencyP99Ms, 1));
            json.WriteNumber("latencyMaxMs", Math.Round(Live5000.LatencyMaxMs, 1));
            json.WriteNumber("idleCpuShareOfOneCore", Math.Round(IdleCpuShareOfOneCore, 3));
            Live1000.Write(json, "live1000");
            Live5000.Write(json, "live5000");
            json.WriteNumber("outageSeconds", Outage.Seconds);
            json.WriteNumber("outageWriteEventsPerSecond", Math.Round(Outage.WriteEventsPerSecond));
            json.WriteNumber("outageRssBeforeMb", Math.Round(Outage.RssBeforeMb));
            json.WriteNumber("outageRssGrowthMb", Math.Round(Outage.RssGrowthMb, 1));
            json.WriteStartArray("outageRssEvery10sMb");
            foreach (var rss in Outage.RssEvery10SecondsMb)
            {
                json.WriteNumberValue(Math.Round(rss));
            }

            json.WriteEndArray();
            json.WriteNumber("outageInFlightEvents", Outage.InFlightAtEnd);
            json.WriteNumber("outageRecoverySeconds", Math.Round(Outage.RecoverySeconds, 1));
            json.WriteNumber("documentsWritten", Outage.Written);
            json.WriteNumber("recordsAppended", Outage.Appended);
            json.WriteNumber("outageLost", Outage.Lost);
            json.WriteNumber("outageDuplicates", Outage.Duplicates);
            json.WriteNumber("outageRestarts", Outage.Restarts);
            json.WriteNumber("peakRssMb", Math.Round(Math.Max(CatchUp.PeakRssMb, StreamingPeakRssMb)));
            json.WriteStartObject("targets");
            json.WriteBoolean("catchUpAtLeast40000", CatchUp.EventsPerSecond >= CatchUpTarget);
            json.WriteBoolean("perCpuSecondAtLeast100000", ConnectorEventsPerCpuSecond >= PerCpuSecondTarget);
            json.WriteBoolean("p99AtMost25MsAt5000", Live5000.LatencyP99Ms <= P99TargetMs);
            json.WriteBoolean("outageRssGrowthAtMost64Mb", Outage.RssGrowthMb <= OutageRssGrowthTargetMb);
            json.WriteBoolean("nothingLost", Outage.Lost == 0);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
