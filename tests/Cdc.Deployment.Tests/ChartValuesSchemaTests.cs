using System.Text.Json.Nodes;

namespace Cdc.Deployment.Tests;

/// <summary>values.yaml and every ci/*.yaml pass values.schema.json (ajv, strict); the schema refuses what Helm would otherwise pass on silently.</summary>
public sealed class ChartValuesSchemaTests
{
    [Fact]
    public void Values_yaml_and_every_ci_values_file_validate_against_the_schema()
    {
        var ciFiles = ChartValues.CiValueFiles;
        Assert.True(ciFiles.Count >= 3, $"expected at least three example values files under ci/, found {ciFiles.Count}");
        var cases = new List<ChartValuesCase> { new("values.yaml") };
        cases.AddRange(ciFiles.Select(file => new ChartValuesCase(file, file)));

        foreach (var result in ChartValues.CheckAll(cases))
        {
            Assert.True(result.Valid, $"{result.Name}: {string.Join("; ", result.Errors)}");
        }
    }

    public static TheoryData<string, object?, string> UnknownKeys => new()
    {
        { "bogus", 1, "/ must NOT have additional properties: bogus" },
        { "replicaCount", 2, "/ must NOT have additional properties: replicaCount" },
        { "config.mongodb.uri", "mongodb://u:p@h/", "/config/mongodb must NOT have additional properties: uri" },
        { "config.mongodb.fulldocument", "default", "/config/mongodb must NOT have additional properties: fulldocument" },
        { "config.schemaRegistry.basicAuth", "u:p", "/config/schemaRegistry must NOT have additional properties: basicAuth" },
        { "config.metrics", new Dictionary<string, object>(), "/config must NOT have additional properties: metrics" },
        { "image.digest", "sha256:00", "/image must NOT have additional properties: digest" },
        { "securityContext.runAsRoot", true, "/securityContext must NOT have additional properties: runAsRoot" },
        { "securityContext.capabilities.keep", new[] { "NET_BIND_SERVICE" }, "/securityContext/capabilities must NOT have additional properties: keep" },
        { "podSecurityContext.seccompProfile.name", "x", "/podSecurityContext/seccompProfile must NOT have additional properties: name" },
        { "secrets.kafkaPassword", "x", "/secrets must NOT have additional properties: kafkaPassword" },
        { "serviceMonitor.path", "/metrics", "/serviceMonitor must NOT have additional properties: path" },
        { "livenessProbe.path", "/healthz", "/livenessProbe must NOT have additional properties: path" },
        { "resources.requests.gpu", 1, "/resources/requests must NOT have additional properties: gpu" },
        { "tests.image.digest", "sha256:00", "/tests/image must NOT have additional properties: digest" },
    };

    [Theory]
    [MemberData(nameof(UnknownKeys))]
    public void Schema_rejects_an_unknown_key(string path, object? value, string expectedError)
    {
        var result = ChartValues.Check(ChartValuesCase.Mutated(path, ValuesMutation.Set(path, value)));

        Assert.False(result.Valid, $"{path} was accepted");
        Assert.Contains(expectedError, result.Errors);
    }

    public static TheoryData<string, object?, string> WrongValues => new()
    {
        { "config.mongodb.scope", "server", "/config/mongodb/scope must be equal to one of the allowed values" },
        { "config.mongodb.fullDocument", "always", "/config/mongodb/fullDocument must be equal to one of the allowed values" },
        // What an unquoted `off` becomes in Helm's YAML 1.1.
        { "config.mongodb.fullDocumentBeforeChange", false, "/config/mongodb/fullDocumentBeforeChange must be string" },
        { "config.mongodb.batchSize", "500", "/config/mongodb/batchSize must be integer" },
        { "config.mongodb.batchSize", -1, "/config/mongodb/batchSize must be >= 0" },
        { "config.mongodb.startAt", "yesterday", "/config/mongodb/startAt must match pattern \"^(latest|timestamp:[0-9]+|(resumeAfter|startAfter):\\s*\\S.*)$\"" },
        { "config.mongodb.startAt", "resumeAfter:", "/config/mongodb/startAt must match pattern \"^(latest|timestamp:[0-9]+|(resumeAfter|startAfter):\\s*\\S.*)$\"" },
        { "config.mongodb.showExpandedEvents", "yes", "/config/mongodb/showExpandedEvents must be boolean" },
        // The connector refuses "" for a collation (it is an object); null is the chart's "unset".
        { "config.mongodb.collation", "", "/config/mongodb/collation must be object,null" },
        { "config.mongodb.collation", new Dictionary<string, object> { ["strength"] = 2 }, "/config/mongodb/collation must have required property 'locale'" },
        { "config.mongodb.collation", new Dictionary<string, object> { ["locale"] = "fr", ["strength"] = 6 }, "/config/mongodb/collation/strength must be <= 5" },
        { "config.mongodb.collation", new Dictionary<string, object> { ["locale"] = "fr", ["Strength"] = 2 }, "/config/mongodb/collation must NOT have additional properties: Strength" },
        { "config.mongodb.comment", 7, "/config/mongodb/comment must be string" },
        { "config.mongodb.pipeline", new Dictionary<string, object> { ["$match"] = 1 }, "/config/mongodb/pipeline must be array" },
        { "config.mapping.json", "strict", "/config/mapping/json must be equal to one of the allowed values" },
        { "config.checkpoint.store", "redis", "/config/checkpoint/store must be equal to one of the allowed values" },
        { "config.logging.format", "text", "/config/logging/format must be equal to one of the allowed values" },
        { "config.logging.level", "info", "/config/logging/level must be equal to one of the allowed values" },
        { "config.http.enabled", false, "/config/http/enabled must be equal to one of the allowed values" },
        { "config.http.port", 0, "/config/http/port must be >= 1" },
        { "config.pipeline.name", "orders pipeline", "/config/pipeline/name must match pattern \"^[A-Za-z0-9._-]{1,100}$\"" },
        { "config.pipeline.maxInFlightBytes", 1024, "/config/pipeline/maxInFlightBytes must be >= 1048576" },
        { "config.kafka.topics", new Dictionary<string, object> { ["shop.orders"] = 5 }, "/config/kafka/topics/shop.orders must be string" },
        { "config.kafka.producer", new Dictionary<string, object> { ["linger.ms"] = new[] { 5 } }, "/config/kafka/producer/linger.ms must be string,integer,boolean" },
        { "image.pullPolicy", "Sometimes", "/image/pullPolicy must be equal to one of the allowed values" },
        { "service.port", "http", "/service/port must be integer" },
        { "serviceMonitor.enabled", "yes", "/serviceMonitor/enabled must be boolean" },
        { "serviceMonitor.interval", "30", "/serviceMonitor/interval must match pattern \"^([0-9]+(ms|s|m|h))+$\"" },
        { "securityContext.readOnlyRootFilesystem", "true", "/securityContext/readOnlyRootFilesystem must be boolean" },
        { "secrets.mongodbUri", "postgres://x", "/secrets/mongodbUri must match pattern \"^(mongodb(\\+srv)?://.*)?$\"" },
        { "imagePullSecrets", "regcred", "/imagePullSecrets must be array" },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void Schema_rejects_a_wrong_type_or_value(string path, object? value, string expectedError)
    {
        var result = ChartValues.Check(ChartValuesCase.Mutated(path, ValuesMutation.Set(path, value)));

        Assert.False(result.Valid, $"{path}={value} was accepted");
        Assert.Contains(expectedError, result.Errors);
    }

    public static TheoryData<string, object?> DriverStreamOptions => new()
    {
        { "config.mongodb.showExpandedEvents", true },
        { "config.mongodb.collation", new Dictionary<string, object> { ["locale"] = "fr", ["strength"] = 2, ["caseFirst"] = "upper", ["numericOrdering"] = true } },
        { "config.mongodb.collation", null },
        { "config.mongodb.comment", "cdc orders pipeline" },
        { "config.mongodb.startAt", "resumeAfter:8265F0A1D2000000012B042C0100296E5A1004" },
        { "config.mongodb.startAt", "startAfter:{\"_data\": \"8265F0A1D2000000012B042C0100296E5A1004\"}" },
    };

    [Theory]
    [MemberData(nameof(DriverStreamOptions))]
    public void Schema_accepts_the_change_stream_options_of_the_driver_based_connector(string path, object? value)
    {
        var result = ChartValues.Check(ChartValuesCase.Mutated(path, ValuesMutation.Set(path, value)));

        Assert.True(result.Valid, $"{path}={value}: {string.Join("; ", result.Errors)}");
    }

    [Theory]
    [InlineData("image.repository", "/image must have required property 'repository'")]
    [InlineData("config.kafka", "/config must have required property 'kafka'")]
    [InlineData("service.port", "/service must have required property 'port'")]
    public void Schema_rejects_a_missing_required_value(string path, string expectedError)
    {
        var result = ChartValues.Check(ChartValuesCase.Mutated(path, ValuesMutation.Delete(path)));

        Assert.False(result.Valid, $"values without {path} were accepted");
        Assert.Contains(expectedError, result.Errors);
    }

    [Fact]
    public void Values_files_are_read_as_helm_reads_them_so_an_unquoted_off_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("cdc-chart-values-");
        try
        {
            var unquoted = Path.Combine(directory.FullName, "unquoted-off.yaml");
            File.WriteAllText(unquoted, "config:\n  mongodb:\n    fullDocumentBeforeChange: off\n");
            var quoted = Path.Combine(directory.FullName, "quoted-off.yaml");
            File.WriteAllText(quoted, "config:\n  mongodb:\n    fullDocumentBeforeChange: \"off\"\n");

            var results = ChartValues.CheckAll([new ChartValuesCase("unquoted", unquoted), new ChartValuesCase("quoted", quoted)]);

            Assert.False(results[0].Valid);
            Assert.Contains("/config/mongodb/fullDocumentBeforeChange must be string", results[0].Errors);
            Assert.True(results[1].Valid, string.Join("; ", results[1].Errors));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_object_in_the_schema_closes_its_properties()
    {
        var open = new List<string>();
        var objects = 0;
        Walk(ChartValues.Schema(), "values", open, ref objects);

        Assert.Empty(open);
        Assert.True(objects > 40, $"only {objects} object schemas were found: the walk missed the schema's shape");
    }

    // An object schema must say what it allows: additionalProperties false (with properties) or a schema for map
    // values. Kubernetes API objects (affinity terms, volumes, EnvVarSource) and MongoDB stages are the only
    // free-form ones; they say so in $comment.
    private static void Walk(JsonNode? node, string where, List<string> open, ref int objects)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (schema["type"] is JsonValue typeValue && typeValue.TryGetValue<string>(out var type) && type == "object")
        {
            objects++;
            var additional = schema["additionalProperties"];
            var freeForm = schema["$comment"]?.GetValue<string>() is { } comment
                && (comment.StartsWith("Kubernetes API object", StringComparison.Ordinal) || comment.StartsWith("A MongoDB aggregation stage", StringComparison.Ordinal));
            var closed = additional is JsonObject || (additional is JsonValue value && !value.GetValue<bool>() && schema["properties"] is JsonObject);
            if (!closed && !freeForm)
            {
                open.Add(where);
            }
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                Walk(property, $"{where}.{name}", open, ref objects);
            }
        }

        Walk(schema["items"], $"{where}[]", open, ref objects);
        Walk(schema["additionalProperties"], $"{where}.*", open, ref objects);
    }
}
