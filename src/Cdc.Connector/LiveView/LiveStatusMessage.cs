using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cdc.Connector.Observability;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.LiveView;

/// <summary>
/// The live view's header, sent to every client once a second:
/// <c>{"type":"status", "phase", "eventsPublished", "eventsPerSecond", "sourceLagSeconds", "committed": {"clusterTime": {"t","i"}, "time", "token"} | null}</c>.
/// </summary>
internal static class LiveStatusMessage
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Encode(ConnectorStatus status, long eventsPublished, double eventsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(status);
        var output = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("type", "status");
            json.WriteString("phase", PhaseNames.Of(status.Phase));
            json.WriteNumber("eventsPublished", eventsPublished);
            json.WriteNumber("eventsPerSecond", Math.Round(eventsPerSecond, 1));
            if (status.SourceLagSeconds is { } lag)
            {
                json.WriteNumber("sourceLagSeconds", Math.Round(lag, 3));
            }
            else
            {
                json.WriteNull("sourceLagSeconds");
            }

            WriteCommitted(json, status.CommittedPosition);
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteCommitted(Utf8JsonWriter json, ResumePosition? committed)
    {
        if (committed is null)
        {
            json.WriteNull("committed");
            return;
        }

        json.WriteStartObject("committed");
        if (CommittedTime(committed) is { } time)
        {
            LiveChangeMessage.WriteClusterTime(json, time);
        }

        if (committed.Token is { } document)
        {
            json.WritePropertyName("token");
            json.WriteRawValue(ExtendedJsonWriter.ToJson(document, ExtendedJsonMode.Relaxed), skipInputValidation: true);
        }

        json.WriteEndObject();
    }

    private static BsonTimestamp? CommittedTime(ResumePosition committed) =>
        committed.Token is { } token
            ? ResumeTokenTime.TryRead(token, out var time) ? time : null
            : committed.OperationTime;
}
