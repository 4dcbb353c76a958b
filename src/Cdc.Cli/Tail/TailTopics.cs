using Cdc.Connector.Mapping;
using Confluent.Kafka;

namespace Cdc.Cli.Tail;

/// <summary>
/// The partitions `cdc tail` reads: those of the topics named on the command line, each of which must exist, or,
/// when none is named, of every existing topic the pipeline publishes to (<see cref="PipelineTopics"/>).
/// </summary>
internal static class TailTopics
{
    /// <summary>
    /// The partitions to read, by topic then partition; throws <see cref="TailException"/> naming what is missing and
    /// the fix. <paramref name="cluster"/> is the metadata of every topic.
    /// </summary>
    public static IReadOnlyList<TopicPartition> Select(
        IReadOnlyList<TopicMetadata> cluster, IReadOnlyList<string> named, PipelineTopics pipeline, string pipelineName, string bootstrap)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(pipeline);
        var existing = cluster.Where(t => t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0).ToDictionary(t => t.Topic, StringComparer.Ordinal);
        List<TopicMetadata> chosen;
        if (named.Count > 0)
        {
            var missing = named.Where(t => !existing.ContainsKey(t)).ToList();
            if (missing.Count > 0)
            {
                var reasons = missing.Select(t => cluster.FirstOrDefault(m => m.Topic == t) is { Error.IsError: true } failed
                    ? $"'{t}' ({failed.Error.Reason})"
                    : $"'{t}'").ToList();
                var subject = missing.Count == 1 ? $"topic {reasons[0]} does not exist" : $"topics {string.Join(", ", reasons)} do not exist";
                throw new TailException(
                    $"{subject} on the Kafka cluster at {bootstrap} (kafka.bootstrapServers); nothing was read. "
                    + $"Fix: name existing topics (pipeline '{pipelineName}' publishes to {pipeline.Description}), or name none to read all of the pipeline's");
            }

            chosen = named.Select(t => existing[t]).ToList();
        }
        else
        {
            chosen = existing.Values.Where(t => pipeline.Includes(t.Topic)).OrderBy(t => t.Topic, StringComparer.Ordinal).ToList();
            if (chosen.Count == 0)
            {
                throw new TailException(
                    $"no topic of pipeline '{pipelineName}' exists on the Kafka cluster at {bootstrap} (kafka.bootstrapServers): it publishes to {pipeline.Description}, "
                    + "each created at its first record. Fix: run the connector (`cdc run`) until it has published a change, check kafka.topicPrefix, "
                    + "or name the topics to read");
            }
        }

        return chosen
            .SelectMany(t => t.Partitions.Select(p => p.PartitionId).Order().Select(p => new TopicPartition(t.Topic, new Partition(p))))
            .ToList();
    }
}
