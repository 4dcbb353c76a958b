using Cdc.Connector.Observability;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class SchemaPreRegistrationTests
{
    private static readonly string[] OrdersSubjects = ["cdc.shop.orders-key", "cdc.shop.orders-value"];

    private static bool Committed(FakeEnvironment environment, int n) =>
        environment.Store.Current?.Position.Token is { } token && token.AsSpan().SequenceEqual(ChangeEvents.Token(n));

    private static bool HasSubjects(InMemorySchemaRegistry registry, params string[] subjects) =>
        subjects.All(registry.Store.Subjects().Contains);

    private static FakeEnvironment Watching(params string[] collections)
    {
        var environment = new FakeEnvironment();
        environment.WatchedCollections.AddRange(collections.Select(name => new SnapshotNamespace("shop", name)));
        return environment;
    }

    [Fact]
    public void A_collections_route_is_the_object_its_events_map_to()
    {
        var mapper = new ChangeEventMapper(new MappingOptions());

        var route = mapper.RouteOf("shop", "orders");
        var mapped = mapper.Map(ChangeEvents.Insert(1), new System.Buffers.ArrayBufferWriter<byte>(), new System.Buffers.ArrayBufferWriter<byte>());

        // The schema id cache is keyed by route object: only the same object finds what was registered ahead.
        Assert.Same(route, mapped.Route);
        Assert.NotSame(route, mapper.RouteOf("shop", "items"));
    }

    [Fact]
    public async Task Known_namespaces_are_registered_before_any_event_and_their_events_ask_the_registry_nothing_more()
    {
        await using var harness = await PipelineHarness.CreateAsync(Watching("items", "orders"));
        var environment = harness.Environment;
        harness.Start();

        await PipelineHarness.WaitUntilAsync(
            () => HasSubjects(harness.Registry, [.. OrdersSubjects, "cdc.shop.items-key", "cdc.shop.items-value"]),
            "both collections' subjects are registered");
        Assert.Equal(0, environment.Server.EventsRead);
        await PipelineHarness.WaitUntilAsync(() => environment.Server.BatchEnds >= 2, "the reader reads past the pre-registration");
        var requests = harness.Registry.Faults.RequestCount;

        environment.Server.Append(ChangeEvents.Insert(1, "orders"), ChangeEvents.Insert(2, "items"));
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 2), "both events are committed");

        Assert.Equal(requests, harness.Registry.Faults.RequestCount);
        var records = environment.AllRecords();
        Assert.Equal(harness.Registry.Store.GetVersion("cdc.shop.orders-value", "1").Id, SchemaRegistryFraming.ReadSchemaId(records[0].Value, out _));
        Assert.Equal(harness.Registry.Store.GetVersion("cdc.shop.items-key", "1").Id, SchemaRegistryFraming.ReadSchemaId(records[1].Key, out _));
        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task A_registry_that_is_down_leaves_the_ids_to_the_first_event_which_waits_for_it_and_gets_them()
    {
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(Watching("orders"), logger: log);
        var environment = harness.Environment;
        harness.Registry.Faults.FailUntilCleared(InjectedFailure.Unavailable);
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        // Pre-registration gave up (one line), and the event's own registration is retried and reported as an outage.
        await PipelineHarness.WaitUntilAsync(() => harness.Runner.Status.RegistryOutage is not null, "the first event waits for the registry");
        Assert.Equal(1, environment.Server.EventsRead);
        Assert.Contains(log.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message.StartsWith("Registering the known namespaces' schemas before the first event stopped after 0 of 1 (", StringComparison.Ordinal)
            && entry.Message.Contains("cdc.shop.orders-key", StringComparison.Ordinal));

        harness.Registry.Faults.Clear();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "the event is committed once the registry answers");
        Assert.Equal(harness.Registry.Store.GetVersion("cdc.shop.orders-value", "1").Id, SchemaRegistryFraming.ReadSchemaId(environment.AllRecords()[0].Value, out _));
        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task A_registry_that_does_not_answer_holds_the_first_read_back_only_for_the_budget()
    {
        var settings = PipelineHarness.FastSettings with { PreRegistrationBudget = TimeSpan.FromMilliseconds(300) };
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(Watching("orders"), settings, logger: log);
        var environment = harness.Environment;
        harness.Registry.Faults.Delay = TimeSpan.FromMinutes(10);
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        // The registry has answered nothing, yet the reader got to the event: the budget ended the wait.
        await PipelineHarness.WaitUntilAsync(() => environment.Server.EventsRead == 1, "the first event is read");
        Assert.Contains(log.Entries, entry => entry.Message.Contains("the 300 ms allowed for it ran out", StringComparison.Ordinal));
        Assert.Empty(harness.Registry.Store.Subjects());
        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task Stopping_ends_a_pre_registration_that_waits_for_the_registry()
    {
        var settings = PipelineHarness.FastSettings with { PreRegistrationBudget = TimeSpan.FromMinutes(10) };
        await using var harness = await PipelineHarness.CreateAsync(Watching("orders"), settings);
        harness.Registry.Faults.Delay = TimeSpan.FromMinutes(10);
        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => harness.Registry.Faults.RequestCount >= 1, "the registry received the first registration");

        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
        Assert.Equal(0, harness.Environment.Server.EventsRead);
    }

    [Fact]
    public async Task A_refused_schema_of_a_quiet_collection_does_not_stop_the_connector()
    {
        await using var harness = await PipelineHarness.CreateAsync(Watching("archive", "orders"));
        var environment = harness.Environment;
        harness.Registry.Store.Register("cdc.shop.archive-value", """{"type":"record","name":"Envelope","namespace":"cdc.shop.archive","fields":[{"name":"x","type":"int"}]}""");
        harness.Registry.Store.GlobalLevel = CompatibilityLevel.Full;
        environment.Server.Append(ChangeEvents.Insert(1, "orders"));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "the orders event is committed");
        Assert.Equal(PipelinePhase.Reading, harness.Runner.Status.Phase);
        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task A_listing_that_fails_is_logged_and_events_still_get_their_ids()
    {
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(Watching("orders"), logger: log);
        var environment = harness.Environment;
        environment.ListingFails = new InvalidOperationException("listCollections refused: not authorized on shop");
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "the event is committed");
        Assert.Contains(log.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message.Contains("stopped after 0 of an unknown number", StringComparison.Ordinal)
            && entry.Message.EndsWith("listCollections refused: not authorized on shop; each other namespace's schemas are registered on its first event, as usual", StringComparison.Ordinal));
        Assert.True(HasSubjects(harness.Registry, OrdersSubjects));
        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task A_collection_whose_topic_collides_is_a_warning_at_start_and_stops_the_connector_only_at_its_first_event()
    {
        var mapping = new MappingOptions(reservedTopics: [new ReservedTopic("cdc.shop.orders", "kafka.deadLetterTopic", "it holds dead letters", "rename it")]);
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(Watching("orders"), mapping: mapping, logger: log);
        var environment = harness.Environment;
        harness.Start();

        await PipelineHarness.WaitUntilAsync(
            () => log.Entries.Any(entry => entry.Level == LogLevel.Warning && entry.Message.Contains("'kafka.deadLetterTopic'", StringComparison.Ordinal)),
            "the collision is logged");
        await PipelineHarness.WaitUntilAsync(() => environment.Server.BatchEnds >= 2, "the reader reads past the pre-registration");
        Assert.Equal(PipelinePhase.Reading, harness.Runner.Status.Phase);

        environment.Server.Append(ChangeEvents.Insert(1));
        Assert.Equal(1, (await harness.WaitForExitAsync()).ExitCode);
    }

    [Fact]
    public async Task Only_the_first_namespaces_up_to_the_limit_are_registered_ahead_and_the_cap_is_logged()
    {
        var settings = PipelineHarness.FastSettings with { PreRegistrationLimit = 2 };
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.CreateAsync(Watching("a", "b", "c", "d"), settings, logger: log);
        harness.Start();

        await PipelineHarness.WaitUntilAsync(
            () => log.Entries.Any(entry => entry.Message.StartsWith("Schemas of 2 known namespaces registered before the first event", StringComparison.Ordinal)),
            "the pre-registration is done");
        Assert.Equal(["cdc.shop.a-key", "cdc.shop.a-value", "cdc.shop.b-key", "cdc.shop.b-value"], harness.Registry.Store.Subjects().Order(StringComparer.Ordinal));
        Assert.Contains(log.Entries, entry => entry.Message == "4 namespaces are known; the schemas of the first 2 are registered before the first event, the others' on their first event");
        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task A_restarted_cycle_lists_again_only_when_the_last_pre_registration_did_not_finish()
    {
        await using var harness = await PipelineHarness.CreateAsync(Watching("orders"));
        var environment = harness.Environment;
        environment.ListingFails = new InvalidOperationException("no primary");
        environment.AutoAck = false;
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        // Each delivery failure restarts the cycle, which reads the event again.
        for (var cycle = 1; cycle <= 3; cycle++)
        {
            await PipelineHarness.WaitUntilAsync(
                () => environment.Publishers.Count == cycle && environment.LastPublisher.Records.Count == 1, $"cycle {cycle} produces the event");
            Assert.Equal(cycle == 1 ? 1 : 2, environment.ListingCalls);
            environment.ListingFails = null;
            if (cycle < 3)
            {
                environment.LastPublisher.FailOneAckRest(environment.LastPublisher.Records[0].Sequence, new InvalidDataException("broker said no"));
            }
        }

        environment.LastPublisher.AckAll();
        await PipelineHarness.WaitUntilAsync(() => Committed(environment, 1), "the event is committed");
        Assert.True(HasSubjects(harness.Registry, OrdersSubjects));
        Assert.Equal(0, (await harness.StopAsync()).ExitCode);
    }
}
