using System.Collections.Concurrent;
using Cdc.Connector.Mapping;
using Confluent.Kafka;

namespace Cdc.Cli.Tail;

/// <summary>
/// When `cdc tail` reads all of a pipeline's topics, the topics the connector creates later (a new collection of a
/// database or cluster stream) join too: the cluster's metadata is asked again every <see cref="Interval"/> on a
/// thread of its own, so a slow or absent cluster never holds up reading or a stop. A new topic's partitions (or a
/// topic's new partitions) are read from their beginning: everything in them was written after tail started.
/// </summary>
internal sealed class NewTopicWatcher : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly KafkaTailCluster _cluster;
    private readonly PipelineTopics _topics;
    private readonly HashSet<TopicPartition> _known;
    private readonly ConcurrentQueue<TopicPartition> _found = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public NewTopicWatcher(KafkaTailCluster cluster, PipelineTopics topics, IEnumerable<TopicPartition> reading)
    {
        _cluster = cluster;
        _topics = topics;
        _known = [.. reading];
        _thread = new Thread(Watch) { IsBackground = true, Name = "cdc-tail-topics" };
        _thread.Start();
    }

    /// <summary>The partitions found since the last call, by topic then partition; empty when there are none.</summary>
    public List<TopicPartition> TakeNew()
    {
        var found = new List<TopicPartition>();
        while (_found.TryDequeue(out var partition))
        {
            found.Add(partition);
        }

        return found;
    }

    public void Dispose()
    {
        _stop.Cancel();

        // A metadata call under way is bounded; the thread is a background one, so a hung call cannot keep the process.
        _thread.Join(KafkaTailCluster.Limit + TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private void Watch()
    {
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
        {
            IReadOnlyList<TopicMetadata> cluster;
            try
            {
                cluster = _cluster.Topics();
            }
            catch (TailException)
            {
                // The consumer reports the cluster's trouble; the next round asks again.
                continue;
            }

            foreach (var topic in cluster.Where(t => t.Error.Code == ErrorCode.NoError && _topics.Includes(t.Topic)).OrderBy(t => t.Topic, StringComparer.Ordinal))
            {
                foreach (var partition in topic.Partitions.Select(p => p.PartitionId).Order())
                {
                    var added = new TopicPartition(topic.Topic, new Partition(partition));
                    if (_known.Add(added))
                    {
                        _found.Enqueue(added);
                    }
                }
            }
        }
    }
}
