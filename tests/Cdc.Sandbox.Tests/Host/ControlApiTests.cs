using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Cdc.Sandbox.Host;

namespace Cdc.Sandbox.Tests.Host;

public sealed class ControlApiTests : IAsyncLifetime
{
    private SandboxHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SandboxHost.StartAsync(new SandboxHostOptions { ReplicaSetName = "ctl", OplogWindow = 500 });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Status_names_every_endpoint_the_brokers_and_the_registry_faults()
    {
        var status = await Send(HttpMethod.Get, "/status");

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal(_host.MongoDb.ConnectionString, status.Body.GetProperty("mongodb").GetProperty("uri").GetString());
        Assert.Equal("ctl", status.Body.GetProperty("mongodb").GetProperty("replicaSet").GetString());
        Assert.Equal(500, status.Body.GetProperty("mongodb").GetProperty("oplogWindow").GetInt32());
        Assert.Equal(500, _host.MongoDb.State.Options.OplogCapacity);
        Assert.Equal(_host.Kafka.BootstrapServers, status.Body.GetProperty("kafka").GetProperty("bootstrapServers").GetString());
        var brokers = status.Body.GetProperty("kafka").GetProperty("brokers").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3], brokers.Select(b => b.GetProperty("id").GetInt32()));
        Assert.All(brokers, b => Assert.Equal("up", b.GetProperty("state").GetString()));
        Assert.Equal(_host.SchemaRegistry.Url, status.Body.GetProperty("schemaRegistry").GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, status.Body.GetProperty("schemaRegistry").GetProperty("faults").GetProperty("failure").ValueKind);
        Assert.Equal(_host.ControlUrl, status.Body.GetProperty("control").GetString());
        Assert.Equal(new SandboxEndpoints(_host.MongoDb.ConnectionString, _host.Kafka.BootstrapServers, _host.SchemaRegistry.Url, _host.ControlUrl), _host.Endpoints);
    }

    [Fact]
    public async Task Brokers_go_down_and_up_one_or_all_as_the_cluster_and_status_report()
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/kafka/brokers/3/down")).Status);
        Assert.Equal(["up", "up", "down"], await BrokerStates());
        Assert.False(_host.Kafka.Brokers[2].IsUp);

        await Send(HttpMethod.Post, "/kafka/brokers/all/down");
        Assert.Equal(["down", "down", "down"], await BrokerStates());

        var up = await Send(HttpMethod.Post, "/kafka/brokers/ALL/up");
        Assert.Equal(["up", "up", "up"], up.Body.GetProperty("brokers").EnumerateArray().Select(b => b.GetProperty("state").GetString()));
        Assert.Equal(["up", "up", "up"], await BrokerStates());
    }

    [Theory]
    [InlineData("/kafka/brokers/4/down", HttpStatusCode.NotFound, "There is no broker 4; the brokers are 1..3.")]
    [InlineData("/kafka/brokers/0/up", HttpStatusCode.NotFound, "There is no broker 0; the brokers are 1..3.")]
    [InlineData("/kafka/brokers/first/up", HttpStatusCode.BadRequest, "'first' is not a broker: use an id 1..3 or 'all'.")]
    [InlineData("/kafka/brokers/-1/down", HttpStatusCode.BadRequest, "'-1' is not a broker: use an id 1..3 or 'all'.")]
    public async Task Unknown_brokers_are_404_and_malformed_ids_400(string path, HttpStatusCode expected, string error)
    {
        var answer = await Send(HttpMethod.Post, path);

        Assert.Equal(expected, answer.Status);
        Assert.Equal(error, answer.Error);
        Assert.Equal(["up", "up", "up"], await BrokerStates());
    }

    [Fact]
    public async Task Round_trip_time_is_set_per_broker_and_bad_values_are_refused()
    {
        var answer = await Send(HttpMethod.Post, "/kafka/brokers/2/rtt", """{"ms": 250}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(250, _host.Kafka.Brokers[1].RoundTripTimeMs);
        Assert.Equal(0, _host.Kafka.Brokers[0].RoundTripTimeMs);
        Assert.Equal("'ms' must be 0..600000, not -5.", (await Send(HttpMethod.Post, "/kafka/brokers/2/rtt", """{"ms": -5}""")).Error);
        Assert.Equal("'ms' is required (an integer 0..600000).", (await Send(HttpMethod.Post, "/kafka/brokers/2/rtt", "{}")).Error);
        Assert.Equal("'ms' must be an integer, not \"fast\".", (await Send(HttpMethod.Post, "/kafka/brokers/all/rtt", """{"ms": "fast"}""")).Error);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Post, "/kafka/brokers/9/rtt", """{"ms": 1}""")).Status);
    }

    [Fact]
    public async Task Topics_are_created_once_and_bad_requests_name_the_problem()
    {
        var created = await Send(HttpMethod.Post, "/kafka/topics", """{"name": "orders", "partitions": 6, "replicationFactor": 3}""");
        var again = await Send(HttpMethod.Post, "/kafka/topics", """{"name": "orders", "partitions": 1}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(6, created.Body.GetProperty("partitions").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("TOPIC_ALREADY_EXISTS", again.Error);

        var badName = await Send(HttpMethod.Post, "/kafka/topics", """{"name": "a b", "partitions": 1}""");
        Assert.Equal(HttpStatusCode.BadRequest, badName.Status);
        Assert.Equal("Topic name 'a b' has ' '; Kafka allows only ASCII letters, digits, '.', '_' and '-'.", badName.Error);
        Assert.Equal("'partitions' must be 1..1000, not 0.", (await Send(HttpMethod.Post, "/kafka/topics", """{"name": "x", "partitions": 0}""")).Error);
        Assert.Equal("'replicationFactor' must be 1..3, not 4.", (await Send(HttpMethod.Post, "/kafka/topics", """{"name": "x", "partitions": 1, "replicationFactor": 4}""")).Error);
        Assert.Equal("'name' is required (a non-empty string).", (await Send(HttpMethod.Post, "/kafka/topics", """{"partitions": 1}""")).Error);
        Assert.Equal("Unknown field 'partition'; this endpoint takes 'name', 'partitions', 'replicationFactor'.", (await Send(HttpMethod.Post, "/kafka/topics", """{"name": "x", "partition": 1}""")).Error);
        Assert.StartsWith("The request body is not valid JSON:", (await Send(HttpMethod.Post, "/kafka/topics", "{name: x}")).Error);
        Assert.StartsWith("The request body must be a JSON object", (await Send(HttpMethod.Post, "/kafka/topics", "[]")).Error);
    }

    [Fact]
    public async Task Request_errors_are_queued_by_name_or_number_and_cleared()
    {
        var byName = await Send(HttpMethod.Post, "/kafka/request-errors", """{"apiKey": "produce", "errors": ["NOT_LEADER_FOR_PARTITION", "_TRANSPORT", 7]}""");
        var byNumber = await Send(HttpMethod.Post, "/kafka/request-errors", """{"apiKey": 1, "errors": ["RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION"]}""");
        var cleared = await Send(HttpMethod.Delete, "/kafka/request-errors/Produce");
        var clearedByNumber = await Send(HttpMethod.Delete, "/kafka/request-errors/1");

        Assert.Equal(HttpStatusCode.OK, byName.Status);
        Assert.Equal("Produce", byName.Body.GetProperty("apiKey").GetString());
        Assert.Equal(["NOT_LEADER_FOR_PARTITION", "_TRANSPORT", "REQUEST_TIMED_OUT"], byName.Body.GetProperty("queued").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Fetch", byNumber.Body.GetProperty("apiKey").GetString());
        Assert.Equal("Produce", cleared.Body.GetProperty("cleared").GetString());
        Assert.Equal("Fetch", clearedByNumber.Body.GetProperty("cleared").GetString());
    }

    [Theory]
    [InlineData("""{"apiKey": "CreateTopics", "errors": [6]}""", "'CreateTopics' is not a request type librdkafka's mock broker implements; use one of Produce (0), Fetch (1),")]
    [InlineData("""{"apiKey": 19, "errors": [6]}""", "'19' is not a request type librdkafka's mock broker implements;")]
    [InlineData("""{"apiKey": "-1", "errors": [6]}""", "'-1' is not a request type")]
    [InlineData("""{"errors": [6]}""", "'apiKey' is required: a request type name such as \"Produce\" or its ApiKey number.")]
    [InlineData("""{"apiKey": "Produce", "errors": []}""", "'errors' is required: an array of 1..10000 librdkafka error names")]
    [InlineData("""{"apiKey": "Produce", "errors": ["NOT_LEADER_FOR_PARTITION", "NOPE"]}""", "errors[1]: librdkafka has no error named 'NOPE'")]
    [InlineData("""{"apiKey": "Produce", "errors": [123456]}""", "errors[0]: librdkafka has no error code 123456.")]
    [InlineData("""{"apiKey": "Produce", "errors": [true]}""", "errors[0] must be an error name or code, not true.")]
    public async Task Bad_request_error_pushes_are_400_naming_the_problem(string body, string errorStart)
    {
        var answer = await Send(HttpMethod.Post, "/kafka/request-errors", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith(errorStart, answer.Error);
    }

    [Fact]
    public async Task Clearing_request_errors_of_an_unknown_type_is_400()
    {
        var answer = await Send(HttpMethod.Delete, "/kafka/request-errors/Nonsense");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("'Nonsense' is not a request type", answer.Error);
    }

    [Fact]
    public async Task Registry_failures_hit_the_next_requests_and_status_counts_them_down()
    {
        using var registry = new HttpClient { BaseAddress = new Uri(_host.SchemaRegistry.Url) };

        var injected = await Send(HttpMethod.Post, "/schema-registry/faults", """{"status": 503, "count": 2}""");
        var first = await registry.GetAsync("/subjects");
        var remaining = (await Send(HttpMethod.Get, "/status")).Body.GetProperty("schemaRegistry").GetProperty("faults");
        var second = await registry.GetAsync("/subjects");
        var third = await registry.GetAsync("/subjects");

        Assert.Equal(HttpStatusCode.OK, injected.Status);
        var failure = injected.Body.GetProperty("faults").GetProperty("failure");
        Assert.Equal(503, failure.GetProperty("status").GetInt32());
        Assert.Equal(50301, failure.GetProperty("errorCode").GetInt32());
        Assert.Equal(2, failure.GetProperty("remaining").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Contains("\"error_code\":50301", await first.Content.ReadAsStringAsync());
        Assert.Equal(1, remaining.GetProperty("failure").GetProperty("remaining").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var after = (await Send(HttpMethod.Get, "/status")).Body.GetProperty("schemaRegistry").GetProperty("faults");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("failure").ValueKind);
        Assert.Equal(2, after.GetProperty("failedRequests").GetInt64());
    }

    [Fact]
    public async Task Registry_failures_until_cleared_and_delays_end_with_delete()
    {
        using var registry = new HttpClient { BaseAddress = new Uri(_host.SchemaRegistry.Url) };

        var injected = await Send(HttpMethod.Post, "/schema-registry/faults", """{"status": 500, "errorCode": 50002, "message": "slow store", "untilCleared": true, "delayMs": 300}""");
        var watch = Stopwatch.StartNew();
        var failed = await registry.GetAsync("/subjects");
        var elapsed = watch.Elapsed;
        var cleared = await Send(HttpMethod.Delete, "/schema-registry/faults");
        var ok = await registry.GetAsync("/subjects");

        Assert.True(injected.Body.GetProperty("faults").GetProperty("failure").GetProperty("untilCleared").GetBoolean());
        Assert.Equal(300, injected.Body.GetProperty("faults").GetProperty("delayMs").GetInt32());
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("""{"error_code":50002,"message":"slow store"}""", await failed.Content.ReadAsStringAsync());
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(280), $"the answer came after {elapsed.TotalMilliseconds} ms");
        Assert.Equal(JsonValueKind.Null, cleared.Body.GetProperty("faults").GetProperty("failure").ValueKind);
        Assert.Equal(0, cleared.Body.GetProperty("faults").GetProperty("delayMs").GetInt32());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Theory]
    [InlineData("{}", "Nothing to inject: give a failure")]
    [InlineData("""{"status": 404}""", "'status' must be 500..599, not 404.")]
    [InlineData("""{"count": 2, "untilCleared": true}""", "Give either 'count' or 'untilCleared': true, not both.")]
    [InlineData("""{"count": 0}""", "'count' must be 1..2147483647, not 0.")]
    [InlineData("""{"delayMs": -1}""", "'delayMs' must be 0..600000, not -1.")]
    [InlineData("""{"untilCleared": "yes"}""", "'untilCleared' must be true or false, not \"yes\".")]
    [InlineData("""{"message": ""}""", "'message' is required (a non-empty string).")]
    [InlineData("""{"times": 1}""", "Unknown field 'times'; this endpoint takes 'status', 'errorCode', 'message', 'count', 'untilCleared', 'delayMs'.")]
    public async Task Bad_registry_fault_requests_are_400_and_inject_nothing(string body, string errorStart)
    {
        var answer = await Send(HttpMethod.Post, "/schema-registry/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith(errorStart, answer.Error);
        Assert.Equal(0, _host.SchemaRegistryFaults.Faults.FailedRequestCount);
        Assert.Equal(TimeSpan.Zero, _host.SchemaRegistryFaults.Faults.Delay);
    }

    [Fact]
    public async Task Unknown_endpoints_are_404_in_the_same_error_shape()
    {
        var answer = await Send(HttpMethod.Post, "/mongodb/failpoints", "{}");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("POST /mongodb/failpoints is not a control endpoint; see docs/sandbox-host.md.", answer.Error);
    }

    private async Task<string[]> BrokerStates()
    {
        var status = await Send(HttpMethod.Get, "/status");
        return [.. status.Body.GetProperty("kafka").GetProperty("brokers").EnumerateArray().Select(b => b.GetProperty("state").GetString()!)];
    }

    private async Task<ControlAnswer> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var http = new HttpClient { BaseAddress = new Uri(_host.ControlUrl), Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new ControlAnswer(response.StatusCode, document.RootElement.Clone());
    }
}
