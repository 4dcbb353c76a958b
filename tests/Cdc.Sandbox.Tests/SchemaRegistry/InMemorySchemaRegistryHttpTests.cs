using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Cdc.Sandbox.SchemaRegistry;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

public sealed class InMemorySchemaRegistryHttpTests : IAsyncLifetime, IDisposable
{
    private const string V1 = """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"int"}]}""";
    private const string V2 = """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"long"},{"name":"name","type":"string","default":""}]}""";
    private const string Narrowed = """{"type":"record","name":"User","namespace":"test","fields":[{"name":"id","type":"int"},{"name":"name","type":"string","default":""}]}""";

    private InMemorySchemaRegistry _registry = null!;
    private RegistryHttp _http = null!;

    public async Task InitializeAsync()
    {
        _registry = await InMemorySchemaRegistry.StartAsync();
        _http = new RegistryHttp(_registry.Url);
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _http?.Dispose();

    [Fact]
    public void The_registry_listens_on_loopback()
    {
        Assert.StartsWith("http://127.0.0.1:", _registry.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_answers_the_id_in_the_registry_media_type()
    {
        var answer = await _http.Post("/subjects/users-value/versions", RegistryHttp.SchemaBody(V1));
        Assert.Equal(200, answer.Status);
        Assert.Equal(RegistryHttp.MediaType, answer.ContentType);
        Assert.Equal(1, answer.Json.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Identical_schemas_get_identical_ids_across_subjects_whatever_their_layout()
    {
        var first = await Register("a-value", V1);
        var spaced = """{ "namespace" : "test", "type" : "record", "name" : "User", "fields" : [ { "type" : {"type":"int"}, "name" : "id" } ] }""";
        Assert.Equal(first, await Register("b-value", spaced));
        Assert.Equal(first, await Register("a-value", V1));
        Assert.NotEqual(first, await Register("c-value", V2));
        Assert.Equal([1], (await _http.Get("/subjects/a-value/versions")).Json.EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_schema_share_one_id()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Register($"topic-{i}-value", V1)));
        Assert.Single(ids.Distinct());
        Assert.Equal(20, (await _http.Get($"/schemas/ids/{ids[0]}/versions")).Json.GetArrayLength());
    }

    [Theory]
    [InlineData("with space-value", "with%20space-value")]
    [InlineData("a/b-value", "a%2Fb-value")]
    [InlineData("ns.Type", "ns.Type")]
    [InlineData("100%2F-value", "100%252F-value")]
    public async Task Escaped_subject_names_are_decoded(string subject, string escaped)
    {
        Assert.Equal(200, (await _http.Post($"/subjects/{escaped}/versions", RegistryHttp.SchemaBody(V1))).Status);
        Assert.Equal([subject], (await _http.Get("/subjects")).Json.EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(subject, (await _http.Get($"/subjects/{escaped}/versions/1")).Json.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_different_default_is_a_different_schema_with_its_own_id()
    {
        const string withDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1}]}""";
        const string otherDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":2}]}""";
        Assert.NotEqual(await Register("s", withDefault), await Register("t", otherDefault));
    }

    [Fact]
    public async Task Register_refuses_invalid_schemas_and_other_schema_types_with_42201()
    {
        var invalid = await _http.Post("/subjects/s/versions", RegistryHttp.SchemaBody("""{"type":"record","name":"R"}"""));
        Assert.Equal((422, 42201), (invalid.Status, invalid.ErrorCode));
        Assert.Contains("Invalid schema", invalid.Message, StringComparison.Ordinal);

        var notJson = await _http.Post("/subjects/s/versions", RegistryHttp.SchemaBody("{not json"));
        Assert.Equal((422, 42201), (notJson.Status, notJson.ErrorCode));

        var protobuf = await _http.Post("/subjects/s/versions", RegistryHttp.SchemaBody("syntax = \"proto3\";", "PROTOBUF"));
        Assert.Equal((422, 42201), (protobuf.Status, protobuf.ErrorCode));
        Assert.Contains("AVRO only", protobuf.Message, StringComparison.Ordinal);

        var references = await _http.Post("/subjects/s/versions", """{"schema":"\"int\"","references":[{"name":"x","subject":"y","version":1}]}""");
        Assert.Equal((422, 42201), (references.Status, references.ErrorCode));

        var noSchema = await _http.Post("/subjects/s/versions", "{}");
        Assert.Equal((422, 42201), (noSchema.Status, noSchema.ErrorCode));

        Assert.Equal(200, (await _http.Post("/subjects/s/versions", RegistryHttp.SchemaBody("\"int\"", "AVRO"))).Status);
    }

    [Fact]
    public async Task A_body_that_is_not_a_json_object_is_a_400()
    {
        var answer = await _http.Post("/subjects/s/versions", "[1,2]");
        Assert.Equal((400, 400), (answer.Status, answer.ErrorCode));
        var broken = await _http.Post("/subjects/s/versions", "{\"schema\":");
        Assert.Equal((400, 400), (broken.Status, broken.ErrorCode));
    }

    [Fact]
    public async Task Plain_json_and_octet_stream_bodies_are_accepted()
    {
        Assert.Equal(200, (await _http.Send(HttpMethod.Post, "/subjects/s/versions", RegistryHttp.SchemaBody("\"int\""), "application/json")).Status);
        Assert.Equal(200, (await _http.Send(HttpMethod.Post, "/subjects/s/versions", RegistryHttp.SchemaBody("\"int\""), "application/octet-stream")).Status);
    }

    [Fact]
    public async Task An_incompatible_schema_is_refused_with_409_and_the_reason()
    {
        await Register("users-value", V2);
        var answer = await _http.Post("/subjects/users-value/versions", RegistryHttp.SchemaBody(V1));
        Assert.Equal((409, 409), (answer.Status, answer.ErrorCode));
        Assert.Contains("/fields/id: the reader's int cannot read the writer's long", answer.Message, StringComparison.Ordinal);
        Assert.Equal([1], (await _http.Get("/subjects/users-value/versions")).Json.EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public async Task A_compatible_evolution_gets_the_next_version()
    {
        await Register("users-value", V1);
        await Register("users-value", V2);
        Assert.Equal([1, 2], (await _http.Get("/subjects/users-value/versions")).Json.EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public async Task Lookup_finds_the_version_and_tells_missing_subject_from_missing_schema()
    {
        var id = await Register("users-value", V1);
        var found = await _http.Post("/subjects/users-value", RegistryHttp.SchemaBody(V1));
        Assert.Equal(200, found.Status);
        Assert.Equal(("users-value", 1, id), (found.Json.GetProperty("subject").GetString(), found.Json.GetProperty("version").GetInt32(), found.Json.GetProperty("id").GetInt32()));
        Assert.Equal(V1, found.Json.GetProperty("schema").GetString());

        var noSubject = await _http.Post("/subjects/nobody", RegistryHttp.SchemaBody(V1));
        Assert.Equal((404, 40401), (noSubject.Status, noSubject.ErrorCode));
        var noSchema = await _http.Post("/subjects/users-value", RegistryHttp.SchemaBody(V2));
        Assert.Equal((404, 40403), (noSchema.Status, noSchema.ErrorCode));
    }

    [Fact]
    public async Task Get_by_id_answers_the_schema_or_40403()
    {
        var id = await Register("users-value", V1);
        var answer = await _http.Get($"/schemas/ids/{id}");
        Assert.Equal(200, answer.Status);
        Assert.Equal(V1, answer.Json.GetProperty("schema").GetString());

        var missing = await _http.Get("/schemas/ids/999");
        Assert.Equal((404, 40403), (missing.Status, missing.ErrorCode));
        var notANumber = await _http.Get("/schemas/ids/abc");
        Assert.Equal((404, 40403), (notANumber.Status, notANumber.ErrorCode));
    }

    [Fact]
    public async Task The_versions_of_an_id_list_every_subject_using_it()
    {
        var id = await Register("a", V1);
        await Register("b", V1);
        var answer = await _http.Get($"/schemas/ids/{id}/versions");
        Assert.Equal(["a:1", "b:1"], answer.Json.EnumerateArray().Select(e => $"{e.GetProperty("subject").GetString()}:{e.GetProperty("version").GetInt32()}"));
        Assert.Equal(40403, (await _http.Get("/schemas/ids/77/versions")).ErrorCode);
    }

    [Fact]
    public async Task Subjects_and_versions_are_listed_and_a_missing_subject_is_40401()
    {
        await Register("b-value", V1);
        await Register("a-value", V1);
        Assert.Equal(["a-value", "b-value"], (await _http.Get("/subjects")).Json.EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["AVRO"], (await _http.Get("/schemas/types")).Json.EnumerateArray().Select(s => s.GetString()));

        var missing = await _http.Get("/subjects/nobody/versions");
        Assert.Equal((404, 40401), (missing.Status, missing.ErrorCode));
    }

    [Fact]
    public async Task A_version_is_fetched_by_number_or_latest_and_bad_versions_are_40402_or_42202()
    {
        var id1 = await Register("users-value", V1);
        var id2 = await Register("users-value", V2);

        var first = await _http.Get("/subjects/users-value/versions/1");
        Assert.Equal((1, id1), (first.Json.GetProperty("version").GetInt32(), first.Json.GetProperty("id").GetInt32()));
        var latest = await _http.Get("/subjects/users-value/versions/latest");
        Assert.Equal((2, id2), (latest.Json.GetProperty("version").GetInt32(), latest.Json.GetProperty("id").GetInt32()));
        Assert.Equal(2, (await _http.Get("/subjects/users-value/versions/-1")).Json.GetProperty("version").GetInt32());

        var schemaOnly = await _http.Get("/subjects/users-value/versions/1/schema");
        Assert.Equal(V1, schemaOnly.Body);

        var missing = await _http.Get("/subjects/users-value/versions/3");
        Assert.Equal((404, 40402), (missing.Status, missing.ErrorCode));
        var invalid = await _http.Get("/subjects/users-value/versions/first");
        Assert.Equal((422, 42202), (invalid.Status, invalid.ErrorCode));
        var noSubject = await _http.Get("/subjects/nobody/versions/1");
        Assert.Equal((404, 40401), (noSubject.Status, noSubject.ErrorCode));
    }

    [Fact]
    public async Task Deleting_a_version_is_soft_and_numbers_are_not_reused()
    {
        var id1 = await Register("users-value", V1);
        await Register("users-value", V2);

        var deleted = await _http.Delete("/subjects/users-value/versions/latest");
        Assert.Equal("2", deleted.Body);
        Assert.Equal([1], (await _http.Get("/subjects/users-value/versions")).Json.EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(40402, (await _http.Get("/subjects/users-value/versions/2")).ErrorCode);
        Assert.Equal(40402, (await _http.Delete("/subjects/users-value/versions/2")).ErrorCode);

        // Ids outlive soft deletes; registering again makes a new version.
        Assert.Equal(200, (await _http.Get($"/schemas/ids/{id1}")).Status);
        await Register("users-value", V2);
        Assert.Equal([1, 3], (await _http.Get("/subjects/users-value/versions")).Json.EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public async Task Deleting_a_subject_soft_deletes_its_versions_and_permanent_needs_a_soft_delete_first()
    {
        await Register("users-value", V1);
        await Register("users-value", V2);

        var early = await _http.Delete("/subjects/users-value?permanent=true");
        Assert.Equal((404, 40405), (early.Status, early.ErrorCode));

        var deleted = await _http.Delete("/subjects/users-value");
        Assert.Equal([1, 2], deleted.Json.EnumerateArray().Select(v => v.GetInt32()));
        Assert.Empty((await _http.Get("/subjects")).Json.EnumerateArray());
        Assert.Equal(40401, (await _http.Get("/subjects/users-value/versions")).ErrorCode);
        Assert.Equal(40401, (await _http.Post("/subjects/users-value", RegistryHttp.SchemaBody(V1))).ErrorCode);
        Assert.Equal(40401, (await _http.Delete("/subjects/users-value")).ErrorCode);

        Assert.Equal(200, (await _http.Delete("/subjects/users-value?permanent=true")).Status);
        Assert.Equal(40401, (await _http.Delete("/subjects/users-value?permanent=true")).ErrorCode);
    }

    [Fact]
    public async Task Permanently_deleting_a_version_needs_a_soft_delete_first()
    {
        await Register("users-value", V1);
        var early = await _http.Delete("/subjects/users-value/versions/1?permanent=true");
        Assert.Equal((404, 40407), (early.Status, early.ErrorCode));
        Assert.Equal("1", (await _http.Delete("/subjects/users-value/versions/1")).Body);
        Assert.Equal("1", (await _http.Delete("/subjects/users-value/versions/1?permanent=true")).Body);
        Assert.Equal(40402, (await _http.Delete("/subjects/users-value/versions/1?permanent=true")).ErrorCode);
    }

    [Fact]
    public async Task The_global_level_defaults_to_backward_and_can_be_changed()
    {
        Assert.Equal("BACKWARD", (await _http.Get("/config")).Json.GetProperty("compatibilityLevel").GetString());
        var set = await _http.Put("/config", """{"compatibility":"full_transitive"}""");
        Assert.Equal("FULL_TRANSITIVE", set.Json.GetProperty("compatibility").GetString());
        Assert.Equal("FULL_TRANSITIVE", (await _http.Get("/config")).Json.GetProperty("compatibilityLevel").GetString());
    }

    [Fact]
    public async Task A_subject_level_overrides_the_global_one_and_is_40408_when_unset()
    {
        var unset = await _http.Get("/config/users-value");
        Assert.Equal((404, 40408), (unset.Status, unset.ErrorCode));
        Assert.Equal("BACKWARD", (await _http.Get("/config/users-value?defaultToGlobal=true")).Json.GetProperty("compatibilityLevel").GetString());

        Assert.Equal("NONE", (await _http.Put("/config/users-value", """{"compatibility":"NONE"}""")).Json.GetProperty("compatibility").GetString());
        Assert.Equal("NONE", (await _http.Get("/config/users-value")).Json.GetProperty("compatibilityLevel").GetString());

        // Under NONE the narrowing that BACKWARD refuses is accepted.
        await Register("users-value", V2);
        Assert.Equal(200, (await _http.Post("/subjects/users-value/versions", RegistryHttp.SchemaBody(Narrowed))).Status);
    }

    [Fact]
    public async Task An_invalid_level_is_42203()
    {
        var global = await _http.Put("/config", """{"compatibility":"SIDEWAYS"}""");
        Assert.Equal((422, 42203), (global.Status, global.ErrorCode));
        Assert.Contains("SIDEWAYS", global.Message, StringComparison.Ordinal);
        Assert.Equal(42203, (await _http.Put("/config/s", "{}")).ErrorCode);
        Assert.Equal("BACKWARD", (await _http.Get("/config")).Json.GetProperty("compatibilityLevel").GetString());
    }

    [Fact]
    public async Task The_compatibility_endpoint_answers_is_compatible_with_messages_when_verbose()
    {
        await Register("users-value", V1);
        await Register("users-value", V2);

        Assert.True((await _http.Post("/compatibility/subjects/users-value/versions/latest", RegistryHttp.SchemaBody(V2))).Json.GetProperty("is_compatible").GetBoolean());
        var narrowed = await _http.Post("/compatibility/subjects/users-value/versions/latest?verbose=true", RegistryHttp.SchemaBody(Narrowed));
        Assert.False(narrowed.Json.GetProperty("is_compatible").GetBoolean());
        Assert.Contains("cannot read the writer's long", Assert.Single(narrowed.Json.GetProperty("messages").EnumerateArray()).GetString(), StringComparison.Ordinal);

        // Against version 1 only, the narrowed schema is compatible: it reads an int id.
        Assert.True((await _http.Post("/compatibility/subjects/users-value/versions/1", RegistryHttp.SchemaBody(Narrowed))).Json.GetProperty("is_compatible").GetBoolean());
        Assert.False((await _http.Post("/compatibility/subjects/users-value/versions", RegistryHttp.SchemaBody(Narrowed))).Json.GetProperty("is_compatible").GetBoolean());

        Assert.Equal(40402, (await _http.Post("/compatibility/subjects/users-value/versions/9", RegistryHttp.SchemaBody(V2))).ErrorCode);
        Assert.Equal(40401, (await _http.Post("/compatibility/subjects/nobody/versions/latest", RegistryHttp.SchemaBody(V2))).ErrorCode);
        Assert.Equal(42201, (await _http.Post("/compatibility/subjects/users-value/versions/latest", RegistryHttp.SchemaBody("{"))).ErrorCode);
    }

    [Fact]
    public async Task An_unknown_path_answers_in_the_registry_error_shape()
    {
        var answer = await _http.Get("/contexts/x");
        Assert.Equal((404, 404), (answer.Status, answer.ErrorCode));
        Assert.Equal(RegistryHttp.MediaType, answer.ContentType);
    }

    [Fact]
    public async Task Injected_failures_answer_5xx_with_the_registry_codes_then_stop()
    {
        _registry.Faults.FailNext(2, InjectedFailure.ForwardingError);
        var first = await _http.Get("/subjects");
        Assert.Equal((500, 50003), (first.Status, first.ErrorCode));
        Assert.Equal(50003, (await _http.Get("/subjects")).ErrorCode);
        Assert.Equal(200, (await _http.Get("/subjects")).Status);

        _registry.Faults.FailUntilCleared(InjectedFailure.Unavailable);
        Assert.Equal(503, (await _http.Get("/config")).Status);
        Assert.Equal(503, (await _http.Get("/config")).Status);
        _registry.Faults.Clear();
        Assert.Equal(200, (await _http.Get("/config")).Status);
        Assert.Equal(6, _registry.Faults.RequestCount);
        Assert.Equal(4, _registry.Faults.FailedRequestCount);
    }

    [Fact]
    public async Task An_injected_delay_holds_each_answer()
    {
        _registry.Faults.Delay = TimeSpan.FromMilliseconds(200);
        var watch = Stopwatch.StartNew();
        Assert.Equal(200, (await _http.Get("/subjects")).Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"answered after {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Basic_auth_is_enforced_with_40101()
    {
        await using var registry = await InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { BasicAuth = "alice:s3cret" });
        using var http = new RegistryHttp(registry.Url);

        var anonymous = await http.Get("/subjects");
        Assert.Equal((401, 40101), (anonymous.Status, anonymous.ErrorCode));
        http.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:wrong")));
        Assert.Equal(40101, (await http.Get("/subjects")).ErrorCode);
        http.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret")));
        Assert.Equal(200, (await http.Get("/subjects")).Status);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(70000, null)]
    [InlineData(0, "nocolon")]
    [InlineData(0, ":password")]
    public async Task Bad_options_are_refused(int port, string? basicAuth)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => InMemorySchemaRegistry.StartAsync(new InMemorySchemaRegistryOptions { Port = port, BasicAuth = basicAuth }));
    }

    private async Task<int> Register(string subject, string schema)
    {
        var answer = await _http.Post($"/subjects/{subject}/versions", RegistryHttp.SchemaBody(schema));
        Assert.True(answer.Status == 200, answer.ToString());
        return answer.Json.GetProperty("id").GetInt32();
    }
}
