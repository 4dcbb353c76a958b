using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 14: the real `cdc run` process keeps change records out of the checkpoint and dead-letter topics. A collision
/// the configuration shows (the checkpoint topic is the database stream's own topic) refuses the start; one that only a
/// later namespace reveals (a new collection whose topic is the dead-letter topic) stops it at that namespace's first
/// event, before anything is produced there. Both exit 1 with one line naming the keys, the topic and the fix.
/// </summary>
public sealed class TopicCollisionTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    [Fact]
    public async Task A_checkpoint_topic_that_is_the_database_streams_own_topic_refuses_the_start_with_exit_1_naming_both_keys()
    {
        // Nothing is read from Kafka here, so no scenario (and no reader): the configuration alone is judged.
        var database = UniqueNames.For("collide_start");
        var prefix = UniqueNames.For("it");
        var topic = $"{prefix}.{database}";
        using var directory = new CheckScratchDirectory();
        var config = ConnectorConfig.Create(fixture.Endpoints, database, prefix, directory.Path, ConnectorConfig.DatabaseScope(database));
        config["checkpoint"] = new JsonObject { ["store"] = "kafka", ["topic"] = topic };
        using var connector = ConnectorProcess.Start(config, directory.Path);
        output.WriteLine(config.ToJsonString());

        var exit = await connector.WaitForExit(Deadlines.Step);

        Assert.True(exit == 1, $"Expected exit 1 for a checkpoint topic that is a generated topic.\n{connector.Describe()}");
        var line = $"err: cdc run: configuration: 'checkpoint.topic' is \"{topic}\", which 'kafka.topicPrefix' and 'mongodb.database' make the topic of "
            + $"database {database}'s own events (dropDatabase) as well: the kafka checkpoint store reads every record of its topic as a checkpoint, "
            + "so change records must not go there; fix: give 'checkpoint.topic' a name outside the connector's topics "
            + $"(neither \"{prefix}\" nor starting with \"{prefix}.\"); a checkpoint committed in the old topic stays there, "
            + "so continue from it with mongodb.startAt=resumeAfter:<its token>.";
        output.WriteLine(connector.Output);
        Assert.Contains(line, connector.Output.Split('\n'));
    }

    [Fact]
    public async Task A_later_collection_whose_topic_is_the_dead_letter_topic_stops_the_run_at_its_first_event_with_exit_1()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "collide_later", "a");
        var late = scenario.Topic("late");
        var connector = scenario.StartConnector(ConnectorConfig.ClusterScope(scenario.Database), config => config["kafka"]!["deadLetterTopic"] = late);
        await scenario.WaitUntilStreamingAsync("a");

        scenario.RunOperations(scenario.Database, new JsonObject { ["op"] = "insert", ["coll"] = "late", ["doc"] = new JsonObject { ["_id"] = "first", ["v"] = 1 } });
        var exit = await connector.WaitForExit(Deadlines.Step);

        Assert.True(exit == 1, $"Expected exit 1 at the first event of {scenario.Database}.late.\n{connector.Describe()}");
        var stop = $"err: cdc run: The topic of collection {scenario.Database}.late is \"{late}\", which is 'kafka.deadLetterTopic': "
            + "dead-letter records are not change records (their values are JSON or raw BSON, not Avro, and one the broker refused for its size has the key and no value, which a consumer of change records takes for a delete). "
            + $"The connector stops at this event rather than mix change records into it; fix: send {scenario.Database}.late to another topic with "
            + $"kafka.topics.{scenario.Database}.late=<topic>, or give 'kafka.deadLetterTopic' a name outside the connector's topics "
            + $"(neither \"{scenario.TopicPrefix}\" nor starting with \"{scenario.TopicPrefix}.\").";
        Assert.Contains(stop, connector.Output.Split('\n'));

        // The event stopped the run before it was produced: the dead-letter topic holds no change record.
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), Deadlines.Step);
        Assert.DoesNotContain(scenario.Reader.Records.Snapshot(), r => r.Topic == late);
    }
}
