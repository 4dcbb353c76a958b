using System.Text.Json;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Tests.Shared;
using Xunit.Abstractions;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Change streams judged by the official MongoDB Node.js driver (scripts under tests/js/sandbox).</summary>
public sealed class ChangeStreamNodeDriverTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    private readonly ITestOutputHelper _output;

    public ChangeStreamNodeDriverTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Collection_watch_sees_CRUD_shapes_fan_out_images_and_pipeline_stages()
    {
        await using var server = MongoServer.Start();
        await RunAsync("mongo-changestream-events.mjs", server);
    }

    [Fact]
    public async Task Redact_prunes_events_and_sub_documents_descends_into_arrays_keeps_whole_levels_and_fails_other_results_with_17053()
    {
        await using var server = MongoServer.Start();
        await RunAsync("mongo-changestream-redact.mjs", server);
    }

    [Fact]
    public async Task Database_and_cluster_watch_order_events_and_invalidate_per_scope()
    {
        await using var server = MongoServer.Start();
        await RunAsync("mongo-changestream-scopes.mjs", server);

        // Every stream was invalidated or closed by the driver (killCursors on "<db>.$cmd.aggregate" included).
        Assert.Equal(0, server.State.Cursors.Count);
    }

    [Fact]
    public async Task Resume_options_work_and_an_evicted_token_surfaces_ChangeStreamHistoryLost()
    {
        await using var server = MongoServer.Start(new MongoServerOptions { OplogCapacity = 50 });
        await RunAsync("mongo-changestream-resume.mjs", server);
    }

    [Fact]
    public async Task An_event_over_16_MB_fails_the_stream_unless_split_into_fragments_that_resume_one_after_another()
    {
        await using var server = MongoServer.Start();
        await RunAsync("mongo-changestream-split.mjs", server);
    }

    [Fact]
    public async Task Collation_and_comment_show_in_currentOp_and_expanded_streams_report_create_and_createIndexes()
    {
        await using var server = MongoServer.Start();
        await RunAsync("mongo-changestream-options.mjs", server);
    }

    [Fact]
    public async Task One_change_stream_serves_fifty_thousand_inserts_to_the_Node_driver()
    {
        await using var server = MongoServer.Start();
        var input = JsonSerializer.Serialize(new { uri = server.ConnectionString, count = 50_000 });
        var output = await Task.Run(() => NodeScript.Run(Path.Combine("sandbox", "mongo-changestream-throughput.mjs"), input, ScriptTimeout));
        using var result = JsonDocument.Parse(output);
        Assert.Equal(50_000, result.RootElement.GetProperty("events").GetInt32());

        // The rate is reported, not asserted: the machine is shared, and the script's deadline already bounds a hang.
        var eventsPerSecond = result.RootElement.GetProperty("eventsPerSecond").GetInt64();
        _output.WriteLine($"change stream served {eventsPerSecond} events/s ({output.Trim()})");
    }

    private static async Task RunAsync(string script, MongoServer server)
    {
        var output = await MongoDriverScript.RunAsync(server, script);
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }
}
