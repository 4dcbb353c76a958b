namespace Cdc.Cli.Check;

/// <summary>
/// The verdict on one topic the connector will write to, from the cluster's metadata and the brokers'
/// auto.create.topics.enable. A missing topic fails only when it certainly cannot appear: the brokers do not create
/// topics and the connector does not create it either.
/// </summary>
internal static class KafkaTopicRules
{
    /// <summary>
    /// The verdict on <paramref name="topic"/>, checked as <paramref name="role"/> ("topic", "dead-letter topic",
    /// "checkpoint topic"); <paramref name="partitions"/> is null when it does not exist, <paramref name="topicError"/> the
    /// metadata's error for it (e.g. TopicAuthorizationFailed), <paramref name="autoCreate"/> what the brokers do with a
    /// missing topic, and <paramref name="connectorCreates"/> says the connector creates it itself (the checkpoint topic).
    /// </summary>
    public static CheckResult Evaluate(string role, string topic, int? partitions, string? topicError, BrokerAutoCreate autoCreate, bool connectorCreates)
    {
        var area = CheckAreas.Kafka;
        if (topicError is not null)
        {
            return CheckResult.Fail(area, role, $"{topic}: the cluster answered {topicError}",
                $"grant the connector's principal Describe and Write on topic {topic} (and check the topic's state with kafka-topics --describe)");
        }

        if (partitions is { } count)
        {
            return CheckResult.Pass(area, role, $"{topic} exists with {count} partition(s)");
        }

        if (connectorCreates)
        {
            return CheckResult.Warn(area, role, $"{topic} does not exist yet; the connector creates it (cleanup.policy=compact, 1 partition) at start when it may, else the brokers' auto-creation makes it with the default cleanup policy ({autoCreate.Note})",
                $"create it beforehand: kafka-topics --create --topic {topic} --partitions 1 --config cleanup.policy=compact");
        }

        return autoCreate.Enabled switch
        {
            true => CheckResult.Pass(area, role, $"{topic} does not exist yet; the brokers create it at the first write ({autoCreate.Note})"),
            false => CheckResult.Fail(area, role, $"{topic} does not exist and the brokers do not create topics ({autoCreate.Note})",
                $"create it: kafka-topics --create --topic {topic} --partitions <n>"),
            null => CheckResult.Warn(area, role, $"{topic} does not exist yet; whether the brokers create it at the first write is unknown ({autoCreate.Note})",
                $"create it beforehand (kafka-topics --create --topic {topic}), or make sure the brokers have auto.create.topics.enable=true"),
        };
    }

    /// <summary>Database and cluster scopes write to one topic per collection, named only when its first event comes.</summary>
    public static CheckResult EvaluatePerNamespace(string pattern, int existing, BrokerAutoCreate autoCreate)
    {
        var found = $"one topic per collection, {pattern}; {existing} such topic(s) exist";
        return autoCreate.Enabled switch
        {
            true => CheckResult.Pass(CheckAreas.Kafka, "topics", $"{found}; the brokers create new ones at the first write ({autoCreate.Note})"),
            false => CheckResult.Warn(CheckAreas.Kafka, "topics", $"{found}; the brokers do not create topics ({autoCreate.Note}), so a new collection's events fail until its topic exists",
                "create each collection's topic beforehand, or set kafka.topics entries to existing topics"),
            null => CheckResult.Warn(CheckAreas.Kafka, "topics", $"{found}; whether the brokers create new ones is unknown ({autoCreate.Note})",
                "make sure the brokers have auto.create.topics.enable=true, or create each collection's topic beforehand"),
        };
    }
}
