using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.ChangeStream;

/// <summary>The changestream benchmark's figures, printed as one JSON line.</summary>
internal sealed record ChangeStreamResult(int Events, double EventsPerSec, string Reader)
{
    /// <summary>Issue 3: one change stream is served at least this many events per second.</summary>
    public const double Limit = 20_000;

    public double RatioToLimit => EventsPerSec / Limit;

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
            json.WriteStartObject("targets");
            json.WriteBoolean("atLeast20000", EventsPerSec >= Limit);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
