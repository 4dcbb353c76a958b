using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Configuration;

/// <summary>
/// The topics the configuration gives records other than change records: the kafka checkpoint store's and the
/// dead-letter topic. Both the start-up rules (<see cref="TopicCollisionRules"/>) and the mapper, which checks each
/// namespace's topic when it first resolves it, keep change records out of them.
/// </summary>
internal static class ReservedTopics
{
    public const string CheckpointKey = "checkpoint.topic";

    public const string DeadLetterKey = "kafka.deadLetterTopic";

    public static IReadOnlyList<ReservedTopic> From(CdcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var outside = OutsideTheConnectorsTopics(options.Kafka.TopicPrefix);
        var reserved = new List<ReservedTopic>(2);
        if (options.Checkpoint.Store == CheckpointStoreKind.Kafka && options.Checkpoint.Topic is { Length: > 0 } checkpoint)
        {
            reserved.Add(new ReservedTopic(
                checkpoint,
                CheckpointKey,
                "the kafka checkpoint store reads every record of its topic as a checkpoint",
                $"give '{CheckpointKey}' a name {outside}; a checkpoint committed in the old topic stays there, so continue from it with mongodb.startAt=resumeAfter:<its token>"));
        }

        if (options.Kafka.DeadLetterTopic is { Length: > 0 } deadLetter)
        {
            reserved.Add(new ReservedTopic(
                deadLetter,
                DeadLetterKey,
                "dead-letter records are not change records (their values are JSON or raw BSON, not Avro, and one the broker refused for its size has the key and no value, which a consumer of change records takes for a delete)",
                $"give '{DeadLetterKey}' a name {outside}"));
        }

        return reserved;
    }

    private static string OutsideTheConnectorsTopics(string prefix) =>
        $"outside the connector's topics (neither \"{prefix}\" nor starting with \"{prefix}.\")";
}
