using System.Text.Json;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Observability;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Connector.Source;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class PipelineRunnerTests
{
    private static bool Committed(FakeEnvironment environment, int n) =>
        environment.Store.Current?.Position.Token is { } token && token.AsSpan().SequenceEqual(ChangeEvents.Token(n));

    [Fact]
    public async Task Events_are_published_framed_with_registered_ids_and_the_last_one_is_committed()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2), ChangeEvents.Insert(3));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 3), "event 3 is committed");
        var records = environment.AllRecords();
        Assert.Equal(3, records.Count);
        var valueVersion = harness.Registry.Store.GetVersion("cdc.shop.orders-value", "1");
        var keyVersion = harness.Registry.Store.GetVersion("cdc.shop.orders-key", "1");
        Assert.Equal(valueVersion.Id, SchemaRegistryFraming.ReadSchemaId(records[2].Value, out var payload));
        Assert.Equal(keyVersion.Id, SchemaRegistryFraming.ReadSchemaId(records[2].Key, out _));
        Assert.NotEqual(keyVersion.Id, valueVersion.Id);
        Assert.Contains(ChangeEvents.Data(3), AvroJsonDecoder.Decode(AvroSchema.Parse(valueVersion.Schema), payload), StringComparison.Ordinal);
        Assert.Equal(3, harness.Runner.Counters.EventsPublished);
        Assert.Equal(3, harness.Runner.Counters.PublishedByOperationType()["insert"]);

        // The first open was from now, and that captured time was committed before any event.
        Assert.Equal(StartKind.Now, environment.Server.Opens[0].Kind);
        Assert.NotNull(environment.Store.Saves[0].OperationTime);

        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task A_checkpoint_never_passes_an_unacknowledged_event()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.AutoAck = false;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2), ChangeEvents.Insert(3));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => environment.Publishers.Count == 1 && environment.LastPublisher.Records.Count == 3, "3 records are produced");

        // Events 3 and 1 acknowledged, 2 not: the committer saves 1, and by then it has seen 3 acknowledged too.
        var records = environment.LastPublisher.Records;
        environment.LastPublisher.Ack(records[2].Sequence);
        environment.LastPublisher.Ack(records[0].Sequence);
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "event 1 is committed once acknowledged");
        Assert.DoesNotContain(environment.Store.Saves, saved => saved.Token is { } t && (t.AsSpan().SequenceEqual(ChangeEvents.Token(2)) || t.AsSpan().SequenceEqual(ChangeEvents.Token(3))));

        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 3), "event 3 is committed once event 2 is acknowledged");
        await harness.StopAsync();
    }

    [Fact]
    public async Task A_delivery_failure_restarts_from_the_committed_checkpoint_and_commits_nothing_past_it()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.AutoAck = false;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2));
        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => environment.Publishers.Count == 1 && environment.LastPublisher.Records.Count == 2, "2 records are produced");
        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 2), "event 2 is committed");

        environment.Server.Append(ChangeEvents.Insert(3), ChangeEvents.Insert(4), ChangeEvents.Insert(5));
        await PipelineHarness.WaitUntilAsync(() => environment.LastPublisher.Records.Count == 5, "events 3-5 are produced");
        var failed = environment.LastPublisher.Records[3].Sequence; // event 4
        environment.LastPublisher.FailOneAckRest(failed, new InvalidDataException("broker said no"));
        await PipelineHarness.WaitUntilAsync(() => environment.Server.Opens.Count == 2, "the stream is reopened");

        var reopen = environment.Server.Opens[1];
        Assert.Equal(StartKind.ResumeAfter, reopen.Kind);
        Assert.Equal(ChangeEvents.Token(3), reopen.Position!.Token);
        Assert.True(environment.Publishers[0].Disposed);
        Assert.DoesNotContain(environment.Store.Saves, saved => saved.Token is { } t && (t.AsSpan().SequenceEqual(ChangeEvents.Token(4)) || t.AsSpan().SequenceEqual(ChangeEvents.Token(5))));
        Assert.Equal(1, harness.Runner.Counters.Restarts);

        await PipelineHarness.WaitUntilAsync(() => environment.LastPublisher.Records.Count == 2, "events 4 and 5 are replayed");
        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 5), "event 5 is committed after the replay");
        Assert.Equal(2, environment.LastPublisher.Records.Count);
        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task With_no_acknowledgements_reading_stops_at_the_in_flight_limit()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings: PipelineHarness.FastSettings with { MaxInFlightEvents = 3 });
        var environment = harness.Environment;
        environment.AutoAck = false;
        for (var n = 1; n <= 10; n++)
        {
            environment.Server.Append(ChangeEvents.Insert(n));
        }

        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => environment.Publishers.Count == 1 && environment.LastPublisher.Records.Count == 3, "3 records are produced");

        // The reader waits for room with the fourth event: the wait it reports now is for that event (the first three's
        // ended before it was read), and it can read nothing more until an acknowledgement comes.
        await PipelineHarness.WaitUntilAsync(
            () => environment.Server.EventsRead == 4 && harness.Runner.Status.CurrentWait == ReaderWait.BackPressure, "the reader waits for room with the fourth event");
        Assert.Equal(3, environment.LastPublisher.Records.Count);
        Assert.Equal(4, environment.Server.EventsRead);

        environment.AutoAck = true;
        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => environment.LastPublisher.Records.Count >= 6, "reading resumes once acknowledged");
        await harness.StopAsync();
    }

    [Fact]
    public async Task Reading_also_stops_at_the_in_flight_byte_limit()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings: PipelineHarness.FastSettings with { MaxInFlightBytes = 10 });
        var environment = harness.Environment;
        environment.AutoAck = false;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2), ChangeEvents.Insert(3));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => environment.Publishers.Count == 1 && environment.LastPublisher.Records.Count == 1, "one record is produced");

        // The second event is read and waits for room (the first's wait ended before it was read): a record over the
        // limit goes alone.
        await PipelineHarness.WaitUntilAsync(
            () => environment.Server.EventsRead == 2 && harness.Runner.Status.CurrentWait == ReaderWait.BackPressure, "the reader waits for room with the second event");
        Assert.Single(environment.LastPublisher.Records);
        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => environment.LastPublisher.Records.Count == 2, "the next goes once the first is acknowledged");
        await harness.StopAsync();
    }

    [Fact]
    public async Task An_idle_stream_commits_its_post_batch_resume_token_once_nothing_is_pending()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.AutoAck = false;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2));
        environment.Server.IdlePostBatchToken = ChangeEvents.Token(50);
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => environment.Publishers.Count == 1 && environment.LastPublisher.Records.Count == 2, "2 records are produced");

        // The reader has handled an idle batch's postBatchResumeToken since; then event 1 alone is acknowledged. The
        // committer saves 1, not the token, while event 2 is pending.
        var idle = environment.Server.BatchEnds;
        await PipelineHarness.WaitUntilAsync(() => environment.Server.BatchEnds >= idle + 2, "the reader handles an idle batch");
        environment.LastPublisher.Ack(environment.LastPublisher.Records[0].Sequence);
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "event 1 is committed once acknowledged");
        Assert.DoesNotContain(environment.Store.Saves, saved => saved.Token is { } t && (t.AsSpan().SequenceEqual(ChangeEvents.Token(2)) || t.AsSpan().SequenceEqual(ChangeEvents.Token(50))));

        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 50), "the postBatchResumeToken is committed once nothing is pending");
        await harness.StopAsync();
    }

    [Fact]
    public async Task Deletes_are_followed_by_a_tombstone_and_commit_after_both_records()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.AutoAck = false;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Delete(2));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => environment.Publishers.Count == 1 && environment.LastPublisher.Records.Count == 3, "3 records are produced");
        var records = environment.LastPublisher.Records;
        Assert.Null(records[2].Value);
        Assert.Equal(records[1].Key, records[2].Key);
        Assert.Equal(records[1].Sequence, records[2].Sequence);
        Assert.Equal(1, harness.Runner.Counters.Tombstones);

        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 2), "the delete is committed");
        await harness.StopAsync();
    }

    [Fact]
    public async Task An_unmappable_event_goes_to_the_dead_letter_topic_and_the_stream_goes_on()
    {
        await using var harness = await PipelineHarness.CreateAsync(new FakeEnvironment { HasDeadLetterTopic = true }, PipelineHarness.FastSettings with { HasDeadLetterTopic = true });
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Unmappable(2), ChangeEvents.Insert(3));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 3), "event 3 is committed");
        var dead = Assert.Single(environment.AllRecords(), record => record.DeadLetter);
        Assert.Contains("truncatedArrays", dead.Reason, StringComparison.Ordinal);
        Assert.Contains("\"operationType\":\"update\"", System.Text.Encoding.UTF8.GetString(dead.Value!), StringComparison.Ordinal);
        Assert.Equal(1, harness.Runner.Counters.DeadLettered);
        await harness.StopAsync();
    }

    [Fact]
    public async Task An_unmappable_event_without_a_dead_letter_topic_stops_with_exit_1_after_committing_what_came_before()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Unmappable(2), ChangeEvents.Insert(3));
        harness.Start();

        var exit = await harness.WaitForExitAsync();
        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("kafka.deadLetterTopic", exit.Error, StringComparison.Ordinal);
        Assert.Contains(ChangeEvents.Data(2), exit.Error, StringComparison.Ordinal);
        Assert.True(Committed(environment, 1));
        Assert.Equal(2, environment.Server.EventsRead);
    }

    [Fact]
    public async Task After_an_invalidate_the_stream_reopens_with_start_after_once_the_invalidate_is_committed()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Drop(2), ChangeEvents.Invalidate(3));
        environment.Server.AppendClose();
        environment.Server.Append(ChangeEvents.Insert(4));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 4), "the event after the invalidate is committed");
        var reopen = environment.Server.Opens[1];
        Assert.Equal(StartKind.StartAfter, reopen.Kind);
        Assert.Equal(ChangeEvents.Token(3), reopen.Position!.Token);
        Assert.Contains(environment.Store.Saves, saved => saved.IsInvalidate);
        Assert.Equal(0, harness.Runner.Counters.Restarts);
        await harness.StopAsync();
    }

    [Fact]
    public async Task After_an_invalidate_the_stop_policy_exits_0_with_the_invalidate_committed()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings: PipelineHarness.FastSettings with { ReopenOnInvalidate = false });
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Invalidate(2));
        environment.Server.AppendClose();
        harness.Start();

        var exit = await harness.WaitForExitAsync();
        Assert.Equal(0, exit.ExitCode);
        Assert.True(Committed(environment, 2));
        Assert.True(environment.Store.Current!.Position.IsInvalidate);
        Assert.Single(environment.Server.Opens);
    }

    [Fact]
    public async Task History_lost_fails_with_exit_1_by_default()
    {
        var store = new InMemoryCheckpointStore(new StoredCheckpoint("test", ResumePosition.FromToken(ChangeEvents.Token(7), false), DateTimeOffset.UtcNow));
        await using var harness = await PipelineHarness.CreateAsync(new FakeEnvironment { Store = store });
        harness.Environment.Server.FailNextOpen(DriverErrors.HistoryLost());
        harness.Start();

        var exit = await harness.WaitForExitAsync();
        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("286", exit.Error, StringComparison.Ordinal);
        Assert.Contains("mongodb.onHistoryLost=restartFromNow", exit.Error, StringComparison.Ordinal);
        Assert.Contains(ChangeEvents.Data(7), exit.Error, StringComparison.Ordinal);
        Assert.Empty(store.Saves);
    }

    [Fact]
    public async Task History_lost_with_restart_from_now_reopens_from_now_and_counts_it()
    {
        var store = new InMemoryCheckpointStore(new StoredCheckpoint("test", ResumePosition.FromToken(ChangeEvents.Token(7), false), DateTimeOffset.UtcNow));
        await using var harness = await PipelineHarness.CreateAsync(
            new FakeEnvironment { Store = store }, PipelineHarness.FastSettings with { RestartFromNowOnHistoryLost = true });
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(7), ChangeEvents.Insert(8));
        environment.Server.NowIndex = 2;
        environment.Server.FailNextOpen(DriverErrors.HistoryLost());
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => environment.Server.Opens.Count == 2, "the stream is reopened");
        Assert.Equal(StartKind.Now, environment.Server.Opens[1].Kind);
        await PipelineHarness.WaitUntilAsync(() => store.Saves.Count > 0, "the new start is committed");
        Assert.NotNull(store.Saves[0].OperationTime);
        Assert.Equal(1, harness.Runner.Counters.HistoryLostRestarts);
        environment.Server.Append(ChangeEvents.Insert(9));
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 9), "a new event is committed");
        Assert.Single(environment.AllRecords()); // 8 was never read: it is before "now"
        await harness.StopAsync();
    }

    [Fact]
    public async Task A_transient_source_error_reopens_from_the_checkpoint_after_a_backoff()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2), ChangeEvents.Insert(3));
        environment.Server.FailReadAt(2, DriverErrors.ConnectionReset());
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 3), "event 3 is committed after the reopen");
        Assert.Equal(2, environment.Server.Opens.Count);
        Assert.Equal(StartKind.ResumeAfter, environment.Server.Opens[1].Kind);
        Assert.Equal(ChangeEvents.Token(2), environment.Server.Opens[1].Position!.Token);
        Assert.Equal(3, environment.AllRecords().Count); // no loss, and no duplicate: 1 and 2 were committed
        Assert.Equal(1, harness.Runner.Counters.Restarts);
        await harness.StopAsync();
    }

    [Fact]
    public async Task A_registry_outage_pauses_reading_and_loses_nothing()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        harness.Registry.Faults.FailUntilCleared(InjectedFailure.Unavailable);
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => harness.Registry.Faults.FailedRequestCount >= 3, "the registry is retried");
        Assert.Empty(environment.AllRecords());
        Assert.Equal(1, environment.Server.EventsRead);

        harness.Registry.Faults.Clear();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 2), "event 2 is committed after the outage");
        Assert.Equal(2, environment.AllRecords().Count);
        Assert.Equal(0, harness.Runner.Counters.Restarts);
        await harness.StopAsync();
    }

    [Fact]
    public async Task While_the_registry_fails_readiness_names_it_and_each_failed_call_is_counted_until_it_answers()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var environment = harness.Environment;
        var status = harness.Runner.Status;
        status.KafkaObserved(true, null);
        harness.Registry.Faults.FailUntilCleared(InjectedFailure.Unavailable);
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => harness.Registry.Faults.FailedRequestCount >= 3, "the registry is retried");
        await PipelineHarness.WaitUntilAsync(() => SchemaRegistryErrors(harness) >= 3, "three failed calls are counted");
        var paused = ReadinessCheck.Evaluate(status);
        Assert.False(paused.Passed);
        var pipeline = JsonDocument.Parse(paused.Body).RootElement.GetProperty("pipeline").GetString();
        Assert.StartsWith("paused for ", pipeline, StringComparison.Ordinal);
        Assert.Contains("the Schema Registry failed", pipeline, StringComparison.Ordinal);
        Assert.Contains("subject 'cdc.shop.orders-key'", pipeline, StringComparison.Ordinal);
        Assert.Equal(PipelinePhase.Reading, status.Phase);

        harness.Registry.Faults.Clear();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "event 1 is committed after the outage");
        await PipelineHarness.WaitUntilAsync(() => ReadinessCheck.Evaluate(status).Passed, "ready again");
        Assert.Equal(harness.Registry.Faults.FailedRequestCount, SchemaRegistryErrors(harness));
        Assert.Equal(0, harness.Runner.Counters.Restarts);
        await harness.StopAsync();
    }

    [Fact]
    public async Task A_restart_line_names_the_committed_token_it_restarts_from()
    {
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(logger: log);
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2), ChangeEvents.Insert(3));
        environment.Server.FailReadAt(2, DriverErrors.ConnectionReset());
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 3), "event 3 is committed after the reopen");
        await harness.StopAsync();

        var restart = Assert.Single(log.Entries, entry => entry.Message.StartsWith("Restarting in ", StringComparison.Ordinal));
        Assert.Matches($@"^Restarting in \d+ ms \(failure 1 in a row\) from token {ChangeEvents.Data(2)} \(the last committed checkpoint\)$", restart.Message);
    }

    [Fact]
    public async Task A_restart_before_anything_was_committed_says_it_starts_from_now_and_why()
    {
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(logger: log);
        var environment = harness.Environment;
        environment.Server.FailNextOpen(DriverErrors.ConnectionReset());
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "event 1 is committed after the reopen");
        await harness.StopAsync();

        var restart = Assert.Single(log.Entries, entry => entry.Message.StartsWith("Restarting in ", StringComparison.Ordinal));
        Assert.Matches(@"^Restarting in \d+ ms \(failure 1 in a row\) from now \(no checkpoint \(test\)\)$", restart.Message);
    }

    [Fact]
    public async Task A_registry_incompatibility_stops_with_exit_1_naming_the_subject()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        harness.Registry.Store.Register("cdc.shop.orders-value", """{"type":"record","name":"Envelope","namespace":"cdc.shop.orders","fields":[{"name":"x","type":"int"}]}""");
        harness.Registry.Store.GlobalLevel = CompatibilityLevel.Full;
        harness.Environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        var exit = await harness.WaitForExitAsync();
        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("cdc.shop.orders-value", exit.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 409", exit.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Environment.AllRecords());
    }

    [Fact]
    public async Task Stopping_flushes_and_commits_the_final_position_then_exits_0()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings: PipelineHarness.FastSettings with { CheckpointInterval = TimeSpan.FromMinutes(5) });
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2));
        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => environment.AllRecords().Count == 2, "2 records are produced");

        var exit = await harness.StopAsync();
        Assert.Equal(0, exit.ExitCode);
        Assert.True(Committed(environment, 2));
        Assert.True(environment.LastPublisher.Disposed);
    }

    [Fact]
    public async Task Stopping_with_deliveries_outstanding_commits_only_what_was_acknowledged()
    {
        await using var harness = await PipelineHarness.CreateAsync(
            settings: PipelineHarness.FastSettings with { ShutdownGrace = TimeSpan.FromMilliseconds(200) });
        var environment = harness.Environment;
        environment.AutoAck = false;
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => environment.Publishers.Count == 1 && environment.LastPublisher.Records.Count == 1, "1 record is produced");
        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "event 1 is committed");
        environment.Server.Append(ChangeEvents.Insert(2));
        await PipelineHarness.WaitUntilAsync(() => environment.LastPublisher.Records.Count == 2, "2 records are produced");

        var exit = await harness.StopAsync();
        Assert.Equal(0, exit.ExitCode);
        Assert.True(Committed(environment, 1));
    }

    [Fact]
    public async Task A_stop_with_every_delivery_acknowledged_says_so_and_how_long_it_waited_against_the_grace()
    {
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(logger: log);
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "event 1 is committed");

        var exit = await harness.StopAsync();
        Assert.Equal(0, exit.ExitCode);
        var line = Assert.Single(log.Entries, entry => entry.Message.StartsWith("Stop: ", StringComparison.Ordinal));
        Assert.Matches(@"^Stop: every delivery acknowledged after \d+ ms of the 2000 ms grace \(pipeline\.shutdownGraceMs\)$", line.Message);
    }

    [Fact]
    public async Task A_stop_with_deliveries_outstanding_says_the_grace_ended_the_wait_and_how_many_will_be_republished()
    {
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(
            settings: PipelineHarness.FastSettings with { ShutdownGrace = TimeSpan.FromMilliseconds(200) }, logger: log);
        var environment = harness.Environment;
        environment.AutoAck = false;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2));
        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => environment.Publishers.Count == 1 && environment.LastPublisher.Records.Count == 2, "2 records are produced");

        var exit = await harness.StopAsync();
        Assert.Equal(0, exit.ExitCode);
        var line = Assert.Single(log.Entries, entry => entry.Message.StartsWith("Stop: ", StringComparison.Ordinal));
        Assert.Matches(@"^Stop: the 200 ms grace \(pipeline\.shutdownGraceMs\) ended the wait for deliveries after \d+ ms$", line.Message);
        Assert.Single(log.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith("2 events still awaited Kafka's acknowledgement at the deadline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stop_while_the_registry_fails_exits_0_committing_only_what_came_before_the_waiting_event()
    {
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(logger: log);
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "event 1 is committed");

        // Event 2 goes to a new topic: its schemas need the registry, which fails; event 3 (cached topic) waits behind it.
        harness.Registry.Faults.FailUntilCleared(InjectedFailure.Unavailable);
        environment.Server.Append(ChangeEvents.Insert(2, coll: "customers"), ChangeEvents.Insert(3));
        await PipelineHarness.WaitUntilAsync(() => harness.Registry.Faults.FailedRequestCount >= 2, "the registry is retried");

        var exit = await harness.StopAsync();
        Assert.Equal(0, exit.ExitCode);
        Assert.True(Committed(environment, 1));
        Assert.Single(environment.AllRecords());
        Assert.Single(log.Entries, entry => entry.Message.StartsWith("Stop: every delivery acknowledged after ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keyless_events_under_the_skip_policy_are_counted_and_still_advance_the_checkpoint()
    {
        await using var harness = await PipelineHarness.CreateAsync(mapping: new Cdc.Schemas.Mapping.MappingOptions(keylessEvents: Cdc.Schemas.Mapping.KeylessEventPolicy.Skip));
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Drop(2));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 2), "the skipped drop is committed");
        Assert.Single(environment.AllRecords());
        Assert.Equal(1, harness.Runner.Counters.EventsSkipped);
        await harness.StopAsync();
    }

    [Fact]
    public async Task An_unreadable_checkpoint_stops_at_startup_with_exit_1_naming_the_store()
    {
        await using var harness = await PipelineHarness.CreateAsync(new FakeEnvironment { Store = new InMemoryCheckpointStore { FailLoad = true } });
        harness.Start();

        var exit = await harness.WaitForExitAsync();
        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("memory (test)", exit.Error, StringComparison.Ordinal);
        Assert.Contains("corrupt", exit.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Environment.Server.Opens);
    }

    [Fact]
    public async Task Failed_checkpoint_saves_are_retried_and_reading_goes_on()
    {
        var store = new InMemoryCheckpointStore { SaveFailure = new CheckpointStoreException("memory store: saving is switched off by the test") };
        await using var harness = await PipelineHarness.CreateAsync(new FakeEnvironment { Store = store });
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => environment.AllRecords().Count == 2, "2 records are produced");
        await PipelineHarness.WaitUntilAsync(() => store.FailedSaves > 0, "a save has failed");
        Assert.Empty(store.Saves);

        // Not the store's own exception type (a client library's): still retried, never fatal to the process.
        var failedBefore = store.FailedSaves;
        store.SaveFailure = new TimeoutException("a client library timed out (test)");
        await PipelineHarness.WaitUntilAsync(() => store.FailedSaves > failedBefore + 1, "saves have failed with the client library's exception");
        store.SaveFailure = null;
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 2), "event 2 is committed once the store works");
        Assert.Equal(0, harness.Runner.Counters.Restarts);
        await harness.StopAsync();
    }

    [Fact]
    public async Task A_produce_call_that_throws_restarts_at_once_without_waiting_for_its_report()
    {
        // A grace period far beyond the harness's patience: waiting for the failed report would time the test out.
        await using var harness = await PipelineHarness.CreateAsync(settings: PipelineHarness.FastSettings with { ShutdownGrace = TimeSpan.FromMinutes(10) });
        var environment = harness.Environment;
        environment.NextPublisherThrows = new IOException("local queue failed (test)");
        environment.Server.Append(ChangeEvents.Insert(1), ChangeEvents.Insert(2));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 2), "event 2 is committed by the restarted cycle");
        Assert.Equal(2, environment.Server.Opens.Count);
        Assert.Equal(StartKind.AtOperationTime, environment.Server.Opens[1].Kind); // the start time committed at the first open
        Assert.Equal(2, environment.AllRecords().Count);
        Assert.Equal(1, harness.Runner.Counters.Restarts);
        await harness.StopAsync();
    }

    private static long SchemaRegistryErrors(PipelineHarness harness) =>
        harness.Runner.Counters.ErrorsByKind().GetValueOrDefault(ErrorKinds.SchemaRegistry);
}
