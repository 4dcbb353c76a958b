using Cdc.Connector.Configuration;
using Cdc.Connector.Sink;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Connector.Tests.Sink;

/// <summary>Builds publishers against an embedded Kafka with the settings the tests vary.</summary>
internal static class PublisherHarness
{
    public static KafkaOptions Options(string bootstrapServers, string? deadLetterTopic = null, params (string Key, string Value)[] producer)
    {
        var options = new KafkaOptions { BootstrapServers = bootstrapServers, DeadLetterTopic = deadLetterTopic };
        foreach (var (key, value) in producer)
        {
            options.Producer[key] = value;
        }

        return options;
    }

    public static KafkaRecordPublisher Create(
        KafkaOptions options, IDeliveryListener listener, int maxInFlightEvents = 10_000, OversizePolicy oversize = OversizePolicy.Fail, IOversizeOutcomes? outcomes = null) =>
        new(options, listener, maxInFlightEvents, NullLogger<KafkaRecordPublisher>.Instance, oversize, placements: null, outcomes);

    public static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string Text(byte[]? bytes) => bytes is null ? "<null>" : System.Text.Encoding.UTF8.GetString(bytes);
}
