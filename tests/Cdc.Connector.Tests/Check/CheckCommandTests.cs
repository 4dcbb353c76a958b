using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Sandbox.Kafka;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Typed;

namespace Cdc.Connector.Tests.Check;

/// <summary>The whole of `cdc check` in-process against the sandbox's stand-ins, good and broken.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task A_good_configuration_passes_every_check_and_exits_0()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        endpoints.Kafka.CreateTopic("cdc.shop.orders", partitions: 3);
        var config = endpoints.WriteConfig();

        var run = CheckRun.Invoke("--config", config);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.StartsWith("PASS  configuration: valid: ", run.Line("configuration", "valid"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  mongodb: reachable: ", run.Line("mongodb", "reachable"), StringComparison.Ordinal);
        Assert.Equal("PASS  mongodb: topology: replica set 'rs0'", run.Line("mongodb", "topology"));
        Assert.Equal("PASS  mongodb: server version: MongoDB 6.0.9-cdc-sandbox", run.Line("mongodb", "server version"));
        Assert.Equal(
            "PASS  mongodb: change stream: opened and closed a change stream on collection shop.orders with 0 pipeline stage(s), fullDocument default, fullDocumentBeforeChange off",
            run.Line("mongodb", "change stream"));
        Assert.StartsWith("PASS  kafka: metadata: 1 broker(s): 1@127.0.0.1:", run.Line("kafka", "metadata"), StringComparison.Ordinal);
        Assert.Equal("PASS  kafka: topic: cdc.shop.orders exists with 3 partition(s)", run.Line("kafka", "topic"));
        Assert.StartsWith("PASS  kafka: idempotent producer: the connector's producer configuration got producer id ", run.Line("kafka", "idempotent producer"), StringComparison.Ordinal);
        Assert.Equal("PASS  schemaRegistry: reachable: answered with no credentials; global compatibility level BACKWARD", run.Line("schemaRegistry", "reachable"));
        Assert.StartsWith("PASS  schemaRegistry: subject cdc.shop.orders-key: not registered yet", run.Line("schemaRegistry", "subject cdc.shop.orders-key"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  schemaRegistry: subject cdc.shop.orders-value: not registered yet", run.Line("schemaRegistry", "subject cdc.shop.orders-value"), StringComparison.Ordinal);
        Assert.Equal($"PASS  checkpoint: readable: file {endpoints.CheckpointPath}: none yet: will start at now (mongodb.startAt=latest)", run.Line("checkpoint", "readable"));
        Assert.Equal("PASS  checkpoint: snapshot: no checkpoint: the first start snapshots every collection in scope (snapshot.mode initial)", run.Line("checkpoint", "snapshot"));
        Assert.StartsWith("PASS  checkpoint: writable: wrote and removed a probe", run.Line("checkpoint", "writable"), StringComparison.Ordinal);
        Assert.All(run.Lines, line => Assert.StartsWith("PASS  ", line, StringComparison.Ordinal));
        Assert.Equal($"cdc check: {run.Lines.Count} passed, 0 warning(s), 0 failed{Environment.NewLine}", run.Stderr);

        // Nothing was left behind: no checkpoint, no probe file, no registered schema.
        Assert.Equal([Path.Combine(endpoints.Directory.Path, "cdc.json")], Directory.EnumerateFiles(endpoints.Directory.Path));
        Assert.Empty(endpoints.Registry.Store.Subjects());
    }

    [Fact]
    public async Task With_json_it_prints_one_object_and_the_stored_checkpoint_with_its_age()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var config = endpoints.WriteConfig();
        using (var store = new FileCheckpointStore(endpoints.CheckpointPath, "orders"))
        {
            await store.SaveAsync(new StoredCheckpoint("orders", ResumePosition.FromOperationTime(new BsonTimestamp(1, 0)), CheckRun.Now.AddMinutes(-3).AddSeconds(-12)), CancellationToken.None);
        }

        var before = File.ReadAllBytes(endpoints.CheckpointPath);
        var run = CheckRun.Invoke("--config", config, "--json");

        var root = run.Json();
        Assert.True(root.GetProperty("ok").GetBoolean(), run.Describe());
        Assert.Equal(0, run.ExitCode);
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        var readable = checks.Single(c => c.GetProperty("area").GetString() == "checkpoint" && c.GetProperty("name").GetString() == "readable");
        Assert.Equal($"file {endpoints.CheckpointPath}: operation time 1.0, committed 2026-11-22T11:56:48Z (3 min 12 s ago)", readable.GetProperty("detail").GetString());
        var resumable = checks.Single(c => c.GetProperty("name").GetString() == "resumable");
        Assert.Equal("PASS", resumable.GetProperty("status").GetString());
        Assert.Equal("the change stream opens at the stored operation time 1.0", resumable.GetProperty("detail").GetString());
        var topic = checks.Single(c => c.GetProperty("area").GetString() == "kafka" && c.GetProperty("name").GetString() == "topic");
        Assert.Equal("WARN", topic.GetProperty("status").GetString());
        Assert.Equal(before, File.ReadAllBytes(endpoints.CheckpointPath));
    }

    [Fact]
    public async Task A_snapshot_in_progress_in_the_checkpoint_is_reported_per_collection()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var config = endpoints.WriteConfig();
        var lastId = Cdc.Schemas.ExtendedJson.ExtendedJsonParser.ParseDocument("""{"_id": 1500}""");
        var snapshot = new SnapshotProgress(
        [
            new CollectionSnapshotProgress("shop", "customers", SnapshotTriggers.Initial, lastId, done: true, rows: 1500),
            new CollectionSnapshotProgress("shop", "orders", SnapshotTriggers.Initial, lastId, done: false, rows: 1500),
            new CollectionSnapshotProgress("shop", "payments", SnapshotTriggers.Initial, null, done: false, rows: 0),
        ]);
        using (var store = new FileCheckpointStore(endpoints.CheckpointPath, "orders"))
        {
            var checkpoint = new StoredCheckpoint("orders", ResumePosition.FromOperationTime(new BsonTimestamp(1, 0)), CheckRun.Now.AddSeconds(-5)) { Snapshot = snapshot };
            await store.SaveAsync(checkpoint, CancellationToken.None);
        }

        var run = CheckRun.Invoke("--config", config);

        Assert.Equal(
            "PASS  checkpoint: snapshot: a snapshot is in progress: 2 of 3 collection(s) left, 3,000 rows so far; the next start continues after each collection's last acknowledged chunk: "
            + "shop.customers done (1,500 rows), shop.orders in progress (1,500 rows), shop.payments not started (0 rows)",
            run.Line("checkpoint", "snapshot"));
    }

    [Fact]
    public async Task The_kafka_checkpoint_store_is_read_and_probed_under_another_key()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        endpoints.Kafka.CreateTopic("cdc.shop.orders", partitions: 1);
        endpoints.Kafka.CreateTopic("cdc.checkpoints", partitions: 1);
        var config = endpoints.WriteConfig(c => c["checkpoint"] = new JsonObject { ["store"] = "kafka", ["topic"] = "cdc.checkpoints" });

        var run = CheckRun.Invoke("--config", config);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal("PASS  kafka: checkpoint topic: cdc.checkpoints exists with 1 partition(s)", run.Line("kafka", "checkpoint topic"));
        Assert.Equal("PASS  checkpoint: readable: kafka topic cdc.checkpoints key orders: none yet: will start at now (mongodb.startAt=latest)", run.Line("checkpoint", "readable"));
        Assert.Equal("PASS  checkpoint: writable: wrote and removed a probe beside the checkpoint in kafka topic cdc.checkpoints key orders; the checkpoint itself was not touched", run.Line("checkpoint", "writable"));
    }

    [Fact]
    public async Task The_mongodb_checkpoint_store_is_read_probed_and_its_position_tried()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var config = endpoints.WriteConfig(c => c["checkpoint"] = new JsonObject { ["store"] = "mongodb", ["collection"] = "ops.checkpoints" });
        using (var connection = new MongoConnection(endpoints.Mongo.ConnectionString, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance))
        using (var store = new MongoDbCheckpointStore(connection, "ops.checkpoints", "orders"))
        {
            await store.SaveAsync(new StoredCheckpoint("orders", ResumePosition.FromOperationTime(new BsonTimestamp(1, 0)), CheckRun.Now.AddSeconds(-42)), CancellationToken.None);
        }

        var run = CheckRun.Invoke("--config", config);

        Assert.Equal("PASS  checkpoint: readable: mongodb collection ops.checkpoints _id orders: operation time 1.0, committed 2026-11-22T11:59:18Z (42 s ago)", run.Line("checkpoint", "readable"));
        Assert.Equal("PASS  checkpoint: snapshot: the checkpoint holds no snapshot: only changes are published", run.Line("checkpoint", "snapshot"));
        Assert.Equal("PASS  checkpoint: writable: wrote and removed a probe beside the checkpoint in mongodb collection ops.checkpoints _id orders; the checkpoint itself was not touched", run.Line("checkpoint", "writable"));
        Assert.Equal("PASS  checkpoint: resumable: the change stream opens at the stored operation time 1.0", run.Line("checkpoint", "resumable"));
    }

    [Fact]
    public async Task A_database_scope_reports_per_collection_topics_and_subjects()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        endpoints.Kafka.CreateTopic("cdc.shop.orders", partitions: 1);
        endpoints.Kafka.CreateTopic("cdc.shop.customers", partitions: 1);
        endpoints.Kafka.CreateTopic("cdc.other.orders", partitions: 1);
        var config = endpoints.WriteConfig(c => c["mongodb"] = new JsonObject { ["uri"] = endpoints.Mongo.ConnectionString, ["scope"] = "database", ["database"] = "shop" });

        var run = CheckRun.Invoke("--config", config);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.StartsWith("WARN  kafka: topics: one topic per collection, cdc.shop.<…>; 2 such topic(s) exist; whether the brokers create new ones is unknown (", run.Line("kafka", "topics"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  schemaRegistry: subjects: a database-scope stream registers one key and one value subject per topic (topic strategy)", run.Line("schemaRegistry", "subjects"), StringComparison.Ordinal);
        Assert.StartsWith("PASS  mongodb: change stream: opened and closed a change stream on database shop", run.Line("mongodb", "change stream"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_problem_is_reported_by_key_and_nothing_is_contacted()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var directory = new TemporaryDirectory();
        var config = directory.File("cdc.json");
        await File.WriteAllTextAsync(config, $$$"""
            {"mongodb": {"uri": "mongodb://127.0.0.1:{{{port}}}/?replicaSet=rs0", "scoop": "cluster", "pipeline": [42]},
             "kafka": {"bootstrapServers": "127.0.0.1:{{{port}}}"},
             "schemaRegistry": {"url": "http://127.0.0.1:{{{port}}}"}}
            """);

        var run = CheckRun.Invoke("--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.Lines.Count);
        Assert.StartsWith($"FAIL  configuration: Unknown configuration key 'mongodb.scoop' (in {config}). Known keys in 'mongodb': uri, scope,", run.Lines[0], StringComparison.Ordinal);
        Assert.Contains("Did you mean 'mongodb.scope'?", run.Lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" — fix: correct the key named above; nothing was contacted", run.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("FAIL  configuration: 'mongodb.pipeline[0]' must be one aggregation stage, an object with a single \"$…\" field", run.Lines[1], StringComparison.Ordinal);
        Assert.StartsWith("FAIL  configuration: 'checkpoint.path' is required to run the connector", run.Lines[2], StringComparison.Ordinal);
        Assert.Equal($"cdc check: 0 passed, 0 warning(s), 3 failed{Environment.NewLine}", run.Stderr);
        Assert.False(listener.Pending(), "cdc check connected to an endpoint although the configuration is wrong.");
    }

    [Fact]
    public async Task A_pipeline_stage_that_is_not_valid_extended_json_is_a_configuration_problem_as_run_would_find_it()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var config = endpoints.WriteConfig(c => c["mongodb"]!["pipeline"] = JsonNode.Parse("""[{"$match": {"at": {"$date": "yesterday"}}}]"""));

        var run = CheckRun.Invoke("--config", config, "--json");

        Assert.Equal(1, run.ExitCode);
        var check = Assert.Single(run.Json().GetProperty("checks").EnumerateArray());
        Assert.Equal("configuration", check.GetProperty("area").GetString());
        Assert.StartsWith("'mongodb.pipeline[0]' is not valid Extended JSON: ", check.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_unreachable_endpoint_fails_with_its_fix_and_no_secret_is_printed()
    {
        var closed = ClosedPort();
        await using var endpoints = await CheckEndpoints.StartAsync();
        var config = endpoints.WriteConfig(c =>
        {
            c["mongodb"]!["uri"] = $"mongodb://cdc:mongo-pw@127.0.0.1:{closed}/?replicaSet=rs0";
            c["kafka"]!["bootstrapServers"] = $"127.0.0.1:{closed}";
            c["kafka"]!["producer"] = new JsonObject { ["sasl.password"] = "kafka-pw" };
            c["schemaRegistry"]!["url"] = $"http://127.0.0.1:{closed}";
            c["schemaRegistry"]!["basicAuth"] = "cdc:registry-pw";
        });

        // Each check gives up at --timeout, as the Kafka line says: no endpoint holds the run up.
        var run = CheckRun.Invoke("--config", config, "--timeout", "3");

        Assert.Equal(1, run.ExitCode);
        var mongo = run.Line("mongodb", "reachable");
        Assert.StartsWith($"FAIL  mongodb: reachable: mongodb://cdc:****@127.0.0.1:{closed}/?replicaSet=rs0: ", mongo, StringComparison.Ordinal);
        Assert.EndsWith($" — fix: {MongoFailureAdvice.ReachFix}", mongo, StringComparison.Ordinal);
        var kafka = run.Line("kafka", "metadata");
        Assert.StartsWith($"FAIL  kafka: metadata: no cluster metadata from 127.0.0.1:{closed} within 3 s: ", kafka, StringComparison.Ordinal);
        Assert.Contains(" — fix: check kafka.bootstrapServers, that the brokers are up", kafka, StringComparison.Ordinal);
        var registry = run.Line("schemaRegistry", "reachable");
        Assert.StartsWith($"FAIL  schemaRegistry: reachable: Schema Registry get compatibility level failed: http://127.0.0.1:{closed} → no answer", registry, StringComparison.Ordinal);
        Assert.EndsWith(" — fix: check schemaRegistry.url and that the registry is up and reachable from here", registry, StringComparison.Ordinal);
        foreach (var secret in new[] { "mongo-pw", "kafka-pw", "registry-pw" })
        {
            Assert.DoesNotContain(secret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_mongodb_login_fails_as_credentials_with_the_fix()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var uri = endpoints.Mongo.ConnectionString.Replace("mongodb://", "mongodb://cdc:login-pw@", StringComparison.Ordinal);
        var config = endpoints.WriteConfig(c => c["mongodb"]!["uri"] = uri);

        var run = CheckRun.Invoke("--config", config);

        // The emulator knows no user 'cdc': the driver's SCRAM authentication fails as against a server refusing the password.
        Assert.Equal(1, run.ExitCode);
        var line = run.Line("mongodb", "credentials");
        Assert.StartsWith($"FAIL  mongodb: credentials: {uri.Replace("login-pw", "****", StringComparison.Ordinal)}: ", line, StringComparison.Ordinal);
        Assert.EndsWith(" — fix: check the user name, password and authSource in mongodb.uri (or the x.509 certificate)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("login-pw", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Producer_settings_librdkafka_refuses_fail_the_configuration_and_nothing_is_contacted()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var config = endpoints.WriteConfig(c =>
        {
            c["kafka"]!["producer"] = new JsonObject { ["security.protocol"] = "bogus", ["linger.ms"] = "soon", ["not.a.prop"] = "1" };
            c["checkpoint"] = new JsonObject { ["store"] = "kafka", ["topic"] = "cdc.checkpoints" };
        });

        var run = CheckRun.Invoke("--config", config);

        Assert.Equal(1, run.ExitCode);
        const string Fix = " — fix: correct the key named above; nothing was contacted";
        Assert.Equal(
            [
                $"FAIL  configuration: 'kafka.producer.security.protocol' is refused by librdkafka: Invalid value \"bogus\" for configuration property \"security.protocol\" (in {config}); give a value of the type and range librdkafka's CONFIGURATION.md lists for the property.{Fix}",
                $"FAIL  configuration: 'kafka.producer.linger.ms' is refused by librdkafka: Invalid value for configuration property \"queue.buffering.max.ms\" (in {config}); give a value of the type and range librdkafka's CONFIGURATION.md lists for the property.{Fix}",
                $"FAIL  configuration: 'kafka.producer.not.a.prop' is refused by librdkafka: No such configuration property: \"not.a.prop\" (in {config}); correct the property's name (librdkafka's CONFIGURATION.md lists every property) or remove the entry.{Fix}",
            ],
            run.Lines);
        Assert.Equal("cdc check: 0 passed, 0 warning(s), 3 failed" + Environment.NewLine, run.Stderr);
        Assert.Equal([config], Directory.EnumerateFiles(endpoints.Directory.Path));
    }

    [Fact]
    public async Task A_refused_idempotent_producer_id_fails_naming_the_IdempotentWrite_acl()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var clusterAuthorizationFailed = new KafkaErrorCode(31);
        endpoints.Kafka.PushRequestErrors(KafkaApiKey.InitProducerId, clusterAuthorizationFailed, clusterAuthorizationFailed, clusterAuthorizationFailed);

        var run = CheckRun.Invoke("--config", endpoints.WriteConfig(), "--timeout", "5");

        Assert.Equal(1, run.ExitCode);
        var line = run.Line("kafka", "idempotent producer");
        Assert.StartsWith("FAIL  kafka: idempotent producer: the cluster refused a producer id: ", line, StringComparison.Ordinal);
        Assert.Contains("(ClusterAuthorizationFailed)", line, StringComparison.Ordinal);
        Assert.Contains(" — fix: grant the connector's principal the IdempotentWrite operation on the cluster", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_stream_the_user_may_not_open_fails_naming_the_privileges()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        using (var admin = new MongoDB.Driver.MongoClient(endpoints.Mongo.ConnectionString))
        {
            EmulatorWrites.FailPoint(admin, """
                {"configureFailPoint": "failCommand", "mode": {"times": 1},
                 "data": {"failCommands": ["aggregate"], "appName": "cdc-check", "errorCode": 13}}
                """);
        }

        var run = CheckRun.Invoke("--config", endpoints.WriteConfig());

        Assert.Equal(1, run.ExitCode);
        var line = run.Line("mongodb", "change stream");
        Assert.StartsWith("FAIL  mongodb: change stream: cannot open a change stream on collection shop.orders with 0 pipeline stage(s)", line, StringComparison.Ordinal);
        Assert.Contains("code 13", line, StringComparison.Ordinal);
        Assert.EndsWith(
            " — fix: grant the connector's user the changeStream and find actions on {db: \"shop\", collection: \"orders\"} (the built-in read role on database shop has both)",
            line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_without_hello_is_asked_with_isMaster()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        using (var admin = new MongoDB.Driver.MongoClient(endpoints.Mongo.ConnectionString))
        {
            EmulatorWrites.FailPoint(admin, """
                {"configureFailPoint": "failCommand", "mode": {"times": 1},
                 "data": {"failCommands": ["hello"], "appName": "cdc-check", "errorCode": 59}}
                """);
        }

        var run = CheckRun.Invoke("--config", endpoints.WriteConfig());

        using var client = new MongoDB.Driver.MongoClient(endpoints.Mongo.ConnectionString);
        var fired = EmulatorWrites.Run(client, "admin", """{"configureFailPoint": "failCommand", "mode": "off"}""");

        Assert.Equal(1, fired["count"].ToInt32());
        Assert.StartsWith("PASS  mongodb: reachable: ", run.Line("mongodb", "reachable"), StringComparison.Ordinal);
        Assert.Equal("PASS  mongodb: topology: replica set 'rs0'", run.Line("mongodb", "topology"));
    }

    [Fact]
    public async Task Resumability_is_not_tried_when_mongodb_does_not_answer()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        using (var store = new FileCheckpointStore(endpoints.CheckpointPath, "orders"))
        {
            await store.SaveAsync(new StoredCheckpoint("orders", ResumePosition.FromOperationTime(new BsonTimestamp(1, 0)), CheckRun.Now), CancellationToken.None);
        }

        var config = endpoints.WriteConfig(c => c["mongodb"]!["uri"] = $"mongodb://127.0.0.1:{ClosedPort()}/?replicaSet=rs0");
        var run = CheckRun.Invoke("--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "WARN  checkpoint: resumable: not checked: MongoDB did not answer or cannot run change streams, so the stored operation time 1.0 could not be tried — fix: fix the mongodb checks above, then run cdc check again",
            run.Line("checkpoint", "resumable"));
    }

    [Fact]
    public async Task A_checkpoint_that_fell_out_of_the_oplog_fails_as_not_resumable_with_the_fix()
    {
        await using var endpoints = await CheckEndpoints.StartAsync(oplogCapacity: 10);
        using (var writer = new MongoDB.Driver.MongoClient(endpoints.Mongo.ConnectionString))
        {
            for (var i = 0; i < 30; i++)
            {
                EmulatorWrites.Insert(writer, "shop", "orders", $$"""{"_id": {{i}}}""");
            }
        }

        using (var store = new FileCheckpointStore(endpoints.CheckpointPath, "orders"))
        {
            await store.SaveAsync(new StoredCheckpoint("orders", ResumePosition.FromOperationTime(new BsonTimestamp(1, 0)), CheckRun.Now.AddHours(-5)), CancellationToken.None);
        }

        var run = CheckRun.Invoke("--config", endpoints.WriteConfig());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "FAIL  checkpoint: resumable: the stored operation time 1.0 is no longer in the oplog (ChangeStreamHistoryLost, code 286): the changes since then cannot be read"
            + $" — fix: set mongodb.onHistoryLost=restartFromNow (continues from now, skipping the lost changes) or delete the file {endpoints.CheckpointPath} to start from mongodb.startAt; give the oplog a longer window so a stopped connector can resume",
            run.Line("checkpoint", "resumable"));
        Assert.StartsWith("PASS  checkpoint: readable: ", run.Line("checkpoint", "readable"), StringComparison.Ordinal);
        Assert.Contains("(5 h 0 min ago)", run.Line("checkpoint", "readable"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incompatible_existing_subject_fails_with_the_registry_reason()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        endpoints.Registry.Store.Register("cdc.shop.orders-value", """{"type":"record","name":"Old","fields":[{"name":"a","type":"int"}]}""");

        var run = CheckRun.Invoke("--config", endpoints.WriteConfig());

        Assert.Equal(1, run.ExitCode);
        var line = run.Line("schemaRegistry", "subject cdc.shop.orders-value");
        Assert.StartsWith("FAIL  schemaRegistry: subject cdc.shop.orders-value: the connector's value schema is incompatible with the latest version under compatibility level BACKWARD: ", line, StringComparison.Ordinal);
        Assert.EndsWith(" — fix: set the subject's compatibility to NONE (PUT /config/cdc.shop.orders-value), delete its old versions, or publish to another topic (kafka.topicPrefix / kafka.topics)", line, StringComparison.Ordinal);
        Assert.StartsWith("PASS  schemaRegistry: subject cdc.shop.orders-key: not registered yet", run.Line("schemaRegistry", "subject cdc.shop.orders-key"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_typed_values_a_value_subject_holding_the_envelope_fails_as_cdc_run_would_and_a_typed_one_passes()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var envelope = EnvelopeSchemas.ForTopic("cdc.shop.orders").Value.ToJson();
        endpoints.Registry.Store.Register("cdc.shop.orders-value", envelope); // an earlier mapping.value=envelope run
        var config = endpoints.WriteConfig(c =>
        {
            c["mapping"] = new JsonObject { ["value"] = "document" };
            c["mongodb"]!["fullDocument"] = "updateLookup";
        });

        var envelopeRun = CheckRun.Invoke("--config", config);
        var typed = TypedSchemaBuilder.FromDocument("Envelope", "cdc.shop.orders", ExtendedJsonParser.ParseDocument("""{"_id": 1, "qty": 2}"""));
        endpoints.Registry.Store.SetSubjectLevel("cdc.shop.orders-value", Cdc.Sandbox.SchemaRegistry.CompatibilityLevel.None);
        endpoints.Registry.Store.Register("cdc.shop.orders-value", typed.ToJson());
        var typedRun = CheckRun.Invoke("--config", config);

        Assert.Equal(1, envelopeRun.ExitCode);
        var line = envelopeRun.Line("schemaRegistry", "subject cdc.shop.orders-value");
        Assert.StartsWith("FAIL  schemaRegistry: subject cdc.shop.orders-value: its latest version (1, id ", line, StringComparison.Ordinal);
        Assert.EndsWith(" — fix: the topic holds records of another shape (the envelope of mapping.value=envelope, or another producer's); publish typed values to another topic (kafka.topicPrefix or kafka.topics), or delete the subject's versions if nothing reads them", line, StringComparison.Ordinal);
        Assert.StartsWith("PASS  schemaRegistry: subject cdc.shop.orders-value: typed values go on from version 2 (id ", typedRun.Line("schemaRegistry", "subject cdc.shop.orders-value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_the_registry_refuses_fail_as_credentials_without_showing_them()
    {
        await using var endpoints = await CheckEndpoints.StartAsync(registryBasicAuth: "cdc:right-pw");
        var config = endpoints.WriteConfig(c => c["schemaRegistry"]!["basicAuth"] = "cdc:wrong-pw");

        var run = CheckRun.Invoke("--config", config);

        Assert.Equal(1, run.ExitCode);
        var line = run.Line("schemaRegistry", "credentials");
        Assert.StartsWith("FAIL  schemaRegistry: credentials: Schema Registry get compatibility level failed at ", line, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", line, StringComparison.Ordinal);
        Assert.EndsWith(" — fix: set schemaRegistry.basicAuth to user:password of a user the registry accepts", line, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepted_registry_credentials_pass()
    {
        await using var endpoints = await CheckEndpoints.StartAsync(registryBasicAuth: "cdc:right-pw");
        var config = endpoints.WriteConfig(c => c["schemaRegistry"]!["basicAuth"] = "cdc:right-pw");

        var run = CheckRun.Invoke("--config", config);

        Assert.Equal("PASS  schemaRegistry: reachable: answered with the configured credentials; global compatibility level BACKWARD", run.Line("schemaRegistry", "reachable"));
        Assert.DoesNotContain("right-pw", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_usage_exits_2_with_the_usage()
    {
        var run = CheckRun.Invoke("--timeout", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.StartsWith("cdc check: --timeout must be a whole number of seconds from 1 to 300, not '0'.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: cdc check [--config FILE]", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A port nothing listens on: bound then released, so a connection is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
