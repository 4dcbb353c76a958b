using System.Text.Json;

namespace Cdc.Sandbox.Host;

/// <summary>What <c>GET /status</c> answers: every endpoint, the brokers' states and the registry's fault state.</summary>
internal static class StatusReport
{
    public static void Write(Utf8JsonWriter json, SandboxHost host)
    {
        json.WriteStartObject();

        json.WriteStartObject("mongodb");
        json.WriteString("uri", host.MongoDb.ConnectionString);
        json.WriteString("replicaSet", host.Options.ReplicaSetName);
        json.WriteNumber("oplogWindow", host.Options.OplogWindow);
        json.WriteNumber("connections", host.MongoDb.ConnectionCount);
        json.WriteEndObject();

        json.WriteStartObject("kafka");
        json.WriteString("bootstrapServers", host.KafkaBootstrapServers);
        json.WriteString("librdkafka", host.Kafka.LibraryVersion);
        json.WritePropertyName("brokers");
        KafkaControlRoutes.WriteBrokers(json, host.Kafka);
        json.WriteEndObject();

        json.WriteStartObject("schemaRegistry");
        json.WriteString("url", host.SchemaRegistry.Url);
        json.WritePropertyName("faults");
        host.SchemaRegistryFaults.WriteState(json);
        json.WriteEndObject();

        json.WriteString("control", host.ControlUrl);
        json.WriteEndObject();
    }
}
