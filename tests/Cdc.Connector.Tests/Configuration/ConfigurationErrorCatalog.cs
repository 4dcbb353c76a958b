using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>
/// One input per distinct configuration error the loader can produce, with the exact message a user reads.
/// <see cref="ConfigurationErrorCatalogTests"/> runs each and checks that every message template in the source is here.
/// </summary>
internal static class ConfigurationErrorCatalog
{
    private const string Sections = "Known sections: mongodb, kafka, schemaRegistry, mapping, snapshot, checkpoint, http, pipeline, logging, telemetry.";

    public static IReadOnlyDictionary<string, (Func<IReadOnlyList<string>> Problems, string Expected)> Cases { get; } =
        new Dictionary<string, (Func<IReadOnlyList<string>>, string)>
        {
            // The file itself.
            ["file root not an object"] = (() => Load.ProblemsFromJson("[1]"),
                "Configuration file 'config.json' must contain a JSON object ({ \"mongodb\": {…}, \"kafka\": {…}, … }); got an array."),
            ["file not valid json"] = (() => Load.ProblemsFromJson("{ \"mapping\": }"),
                "Configuration file 'config.json' is not valid JSON at line 1, position 14: '}' is an invalid start of a value."),
            ["file not found"] = (() => FileProblems("absent.json"),
                "Configuration file '<dir>/absent.json' not found."),
            ["file directory missing"] = (() => FileProblems("no-such-dir/config.json"),
                "Configuration file '<dir>/no-such-dir/config.json' not found (its directory does not exist)."),
            ["file is a directory"] = (() => FileProblems(string.Empty),
                "Configuration file '<dir>/' cannot be read: Access to the path '<dir>/' is denied."),
            ["file section not an object"] = (() => Load.ProblemsFromJson("""{ "mapping": 1 }"""),
                "'mapping' must be a JSON object of keys (json, tombstonesOnDelete, keylessEvents, value, schemas, oversize); got 1 (in config.json)."),

            // Unknown names.
            ["unknown section"] = (() => Load.ProblemsFromJson("""{ "mongo": {} }"""),
                $"Unknown configuration key 'mongo' (in config.json). {Sections} Did you mean 'mongodb'?"),
            ["unknown section, case hint"] = (() => Load.ProblemsFromJson("""{ "Logging": {} }"""),
                $"Unknown configuration key 'Logging' (in config.json). {Sections} Did you mean 'logging'?"),
            ["unknown key, case hint"] = (() => Load.ProblemsFromJson("""{ "http": { "Port": 1 } }"""),
                "Unknown configuration key 'http.Port' (in config.json). Known keys in 'http': enabled, host, port, liveView. Did you mean 'http.port'?"),
            ["unknown key from --set"] = (() => Load.ProblemsFromSets("logging.levle=debug"),
                "Unknown configuration key 'logging.levle' (in --set logging.levle). Known keys in 'logging': level, format. Did you mean 'logging.level'?"),
            ["unknown section from --set"] = (() => Load.ProblemsFromSets("log.level=debug"),
                $"Unknown configuration key 'log.level' (in --set log.level). {Sections}"),
            ["unknown key from the environment"] = (() => Load.ProblemsFromEnvironment(("CDC__HTTP__ADDRESS", "0.0.0.0")),
                "Unknown configuration key 'http.ADDRESS' (in environment variable CDC__HTTP__ADDRESS). Known keys in 'http': enabled, host, port, liveView."),
            ["unknown section from the environment"] = (() => Load.ProblemsFromEnvironment(("CDC__LOG__LEVEL", "debug")),
                $"Unknown configuration key 'LOG.LEVEL' (in environment variable CDC__LOG__LEVEL). {Sections}"),

            // Sections and maps used as keys.
            ["environment section as a key"] = (() => Load.ProblemsFromEnvironment(("CDC__LOGGING", "debug")),
                "'logging' is a section, not a key (in environment variable CDC__LOGGING); set one of its keys (level, format) with CDC__LOGGING__<KEY>."),
            ["--set section as a key"] = (() => Load.ProblemsFromSets("http=8080"),
                "'http' is a section, not a key (in --set http); set one of its keys: enabled, host, port, liveView."),
            ["environment map without an entry"] = (() => Load.ProblemsFromEnvironment(("CDC__KAFKA__PRODUCER", "x")),
                "'kafka.producer' is a map (in environment variable CDC__KAFKA__PRODUCER); set one entry with CDC__KAFKA__PRODUCER__<NAME> (<librdkafka property>=<value>)."),
            ["environment map entry with an empty part"] = (() => Load.ProblemsFromEnvironment(("CDC__KAFKA__TOPICS__shop____orders", "t")),
                "'kafka.topics' entry name from CDC__KAFKA__TOPICS__shop____orders is empty or has an empty part (in environment variable CDC__KAFKA__TOPICS__shop____orders)."),
            ["--set map without an entry"] = (() => Load.ProblemsFromSets("kafka.topics=x"),
                "'kafka.topics' is a map (in --set kafka.topics); set one entry with --set kafka.topics.<db.coll>=<topic>."),
            ["--set without '='"] = (() => Load.ProblemsFromSets("mapping.json"),
                "--set expects key=value (e.g. --set mapping.json=canonical); got \"mapping.json\"."),
            ["--set without '=' that may hold a secret"] = (() => Load.ProblemsFromSets("uri:mongodb://u:pw@h"),
                "--set expects key=value (e.g. --set mapping.json=canonical); got an argument without '='."),
            ["map not an object"] = (() => Load.ProblemsFromJson("""{ "kafka": { "producer": ["linger.ms"] } }"""),
                "'kafka.producer' must be a JSON object of <librdkafka property>=<value> entries; got an array (in config.json)."),
            ["map entry of the wrong type"] = (() => Load.ProblemsFromJson("""{ "kafka": { "topics": { "shop.orders": null } } }"""),
                "'kafka.topics.shop.orders' must be a string, number or boolean; got null (in config.json)."),

            // Secrets from files.
            ["secret file variable empty"] = (() => Load.ProblemsFromEnvironment(("CDC__MONGODB__URI_FILE", string.Empty)),
                "Environment variable CDC__MONGODB__URI_FILE is empty: it must name the file that holds the value."),
            ["secret file missing"] = (() => Load.ProblemsFromEnvironment(("CDC__MONGODB__URI_FILE", "/nonexistent/cdc/uri")),
                "Environment variable CDC__MONGODB__URI_FILE names the file '/nonexistent/cdc/uri', which does not exist."),
            ["secret file is a directory"] = (() => Load.ProblemsFromEnvironment(("CDC__MONGODB__URI_FILE", "/")),
                "Environment variable CDC__MONGODB__URI_FILE names '/', which cannot be read (permission denied, or a directory)."),
            ["secret file unreadable"] = (() => Load.ProblemsFromEnvironment(("CDC__MONGODB__URI_FILE", "/proc/self/mem")),
                "Environment variable CDC__MONGODB__URI_FILE names the file '/proc/self/mem', which cannot be read: Input/output error : '/proc/self/mem'"),
            ["--set file missing"] = (() => Load.ProblemsFromSets("mongodb.uri@file=/nonexistent/cdc/uri"),
                "--set mongodb.uri@file names the file '/nonexistent/cdc/uri', which does not exist."),
            ["--set file empty"] = (() => Load.ProblemsFromSets("mongodb.uri@file="),
                "--set mongodb.uri@file is empty: it must name the file that holds the value."),
            ["secret file and value both set"] = (() => Load.ProblemsFromEnvironment(("CDC__MONGODB__URI", "mongodb://h"), ("CDC__MONGODB__URI_FILE", "/nonexistent")),
                "Environment variables CDC__MONGODB__URI and CDC__MONGODB__URI_FILE both set the same key: keep one (CDC__MONGODB__URI_FILE reads the value from a file)."),

            // Values of one key, by kind.
            ["string of the wrong type"] = (() => Load.ProblemsFromJson("""{ "http": { "host": 127 } }"""),
                "'http.host' must be a string; got 127 (in config.json)."),
            ["required string empty"] = (() => Load.ProblemsFromSets("http.host="),
                "'http.host' must not be empty (in --set http.host)."),
            ["listen host"] = (() => Load.ProblemsFromSets("http.host=example.com"),
                "'http.host' must be an IP address to listen on (0.0.0.0 for every interface, 127.0.0.1 for this host only) or localhost; got \"example.com\" (in --set http.host)."),
            ["boolean"] = (() => Load.ProblemsFromEnvironment(("CDC__HTTP__ENABLED", "yes")),
                "'http.enabled' must be true or false; got \"yes\" (in environment variable CDC__HTTP__ENABLED)."),
            ["boolean of the wrong json type"] = (() => Load.ProblemsFromJson("""{ "http": { "enabled": "true" } }"""),
                "'http.enabled' must be true or false; got \"true\" (in config.json)."),
            ["integer with a maximum"] = (() => Load.ProblemsFromSets("http.port=65536"),
                "'http.port' must be an integer between 0 and 65535; got \"65536\" (in --set http.port)."),
            ["integer with a minimum"] = (() => Load.ProblemsFromJson("""{ "checkpoint": { "intervalMs": 0 } }"""),
                "'checkpoint.intervalMs' must be an integer ≥ 1; got 0 (in config.json)."),
            ["choice: logging.level"] = (() => Load.ProblemsFromSets("logging.level=verbose"),
                "'logging.level' must be one of trace, debug, information, warning, error, critical; got \"verbose\" (in --set logging.level)."),
            ["choice: logging.format"] = (() => Load.ProblemsFromJson("""{ "logging": { "format": "text" } }"""),
                "'logging.format' must be one of plain, json; got \"text\" (in config.json)."),
            ["choice of the wrong json type"] = (() => Load.ProblemsFromJson("""{ "logging": { "level": 2 } }"""),
                "'logging.level' must be one of trace, debug, information, warning, error, critical; got 2 (in config.json)."),
            ["mongodb uri"] = (() => Load.ProblemsFromSets("mongodb.uri=http://u:secret@h/"),
                "'mongodb.uri' must be a MongoDB connection string starting with mongodb:// or mongodb+srv://; got \"http://u:****@h/\" (in --set mongodb.uri)."),
            ["mongodb uri the driver refuses"] = (() => Load.ProblemsFromSets("mongodb.uri=mongodb://cdc:secret@h/?maxPoolSize=many"),
                "'mongodb.uri' is not a connection string the MongoDB driver accepts: maxPoolSize has an invalid int32 value of many; got \"mongodb://cdc:****@h/?maxPoolSize=many\" (in --set mongodb.uri)."),
            ["mongodb uri with an authentication mechanism the driver lacks"] = (() => Load.ProblemsFromSets("mongodb.uri=mongodb://cdc:secret@h/?authMechanism=SCRAM-SHA-512"),
                "'mongodb.uri' is not a connection string the MongoDB driver accepts: Unsupported MongoAuthenticationMechanism SCRAM-SHA-512; got \"mongodb://cdc:****@h/?authMechanism=SCRAM-SHA-512\" (in --set mongodb.uri)."),
            ["startAt"] = (() => Load.ProblemsFromSets("mongodb.startAt=timestamp:-1"),
                "'mongodb.startAt' must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON); got \"timestamp:-1\" (in --set mongodb.startAt)."),
            ["startAt token missing"] = (() => Load.ProblemsFromSets("mongodb.startAt=resumeAfter:"),
                "'mongodb.startAt' needs a resume token: the hex string of a record's resumeToken field (like 8265F0A1D2000000012B022C0100296E5A1004) or the token document as Extended JSON; got \"resumeAfter:\" (in --set mongodb.startAt)."),
            ["startAt token not hex"] = (() => Load.ProblemsFromJson("""{ "mongodb": { "startAt": "startAfter:8265F0A1Z" } }"""),
                "'mongodb.startAt' needs a resume token: the hex string of a record's resumeToken field (like 8265F0A1D2000000012B022C0100296E5A1004) or the token document as Extended JSON; got \"startAfter:8265F0A1Z\" (in config.json)."),
            ["startAt token document empty"] = (() => Load.ProblemsFromSets("mongodb.startAt=startAfter:{}"),
                "'mongodb.startAt' names an empty resume token document; got \"startAfter:{}\" (in --set mongodb.startAt)."),
            ["startAt token document not extended json"] = (() => Load.ProblemsFromSets("mongodb.startAt=resumeAfter:{\"_data\": "),
                "'mongodb.startAt' has a resume token that is not valid Extended JSON (Not valid JSON (line 1, byte 10): Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed); got \"resumeAfter:{\"_data\": \" (in --set mongodb.startAt)."),
            ["registry urls"] = (() => Load.ProblemsFromSets("schemaRegistry.url=ftp://r"),
                "'schemaRegistry.url' must be one or more http:// or https:// URLs separated by commas; got \"ftp://r\" (in --set schemaRegistry.url)."),
            ["otlp endpoint"] = (() => Load.ProblemsFromSets("telemetry.otlpEndpoint=ftp://otel:secret@collector"),
                "'telemetry.otlpEndpoint' must be an http:// or https:// URL; got \"ftp://otel:****@collector\" (in --set telemetry.otlpEndpoint)."),
            ["choice: telemetry.otlpProtocol"] = (() => Load.ProblemsFromSets("telemetry.otlpProtocol=http/json"),
                "'telemetry.otlpProtocol' must be one of http/protobuf, grpc; got \"http/json\" (in --set telemetry.otlpProtocol)."),
            ["basic auth"] = (() => Load.ProblemsFromSets("schemaRegistry.basicAuth=secret"),
                "'schemaRegistry.basicAuth' must be user:password; got a value that is not shown (secret) (in --set schemaRegistry.basicAuth)."),
            ["basic auth from the file"] = (() => Load.ProblemsFromJson("""{ "schemaRegistry": { "basicAuth": "secret" } }"""),
                "'schemaRegistry.basicAuth' must be user:password; got a value that is not shown (secret) (in config.json)."),
            ["basic auth of the wrong json type"] = (() => Load.ProblemsFromJson("""{ "schemaRegistry": { "basicAuth": true } }"""),
                "'schemaRegistry.basicAuth' must be a string; got a boolean (in config.json)."),
            ["oauth token endpoint url"] = (() => Load.ProblemsFromSets("schemaRegistry.oauthTokenEndpointUrl=ftp://idp/token"),
                "'schemaRegistry.oauthTokenEndpointUrl' must be an http:// or https:// URL; got \"ftp://idp/token\" (in --set schemaRegistry.oauthTokenEndpointUrl)."),
            ["bearer token of the wrong json type"] = (() => Load.ProblemsFromJson("""{ "schemaRegistry": { "bearerToken": 42 } }"""),
                "'schemaRegistry.bearerToken' must be a string; got a number (in config.json)."),
            ["topic name characters"] = (() => Load.ProblemsFromSets("kafka.deadLetterTopic=dead letters"),
                "'kafka.deadLetterTopic' must be a Kafka topic name: only letters, digits, '.', '_' and '-'; got \"dead letters\" (in --set kafka.deadLetterTopic)."),
            ["topic name length"] = (() => Load.ProblemsFromSets("checkpoint.store=kafka", "checkpoint.topic=.."),
                "'checkpoint.topic' must be a Kafka topic name: 1 to 249 characters, not \".\" or \"..\"; got \"..\" (in --set checkpoint.topic)."),
            ["collection namespace"] = (() => Load.ProblemsFromSets("checkpoint.store=mongodb", "checkpoint.collection=checkpoints"),
                "'checkpoint.collection' must be <database>.<collection>; got \"checkpoints\" (in --set checkpoint.collection)."),
            ["pipeline name"] = (() => Load.ProblemsFromSets("pipeline.name=my pipeline"),
                "'pipeline.name' must be 1 to 100 characters of [A-Za-z0-9._-]; got \"my pipeline\" (in --set pipeline.name)."),
            ["list of the wrong type"] = (() => Load.ProblemsFromJson("""{ "mongodb": { "includeNamespaces": "shop" } }"""),
                "'mongodb.includeNamespaces' must be a JSON array of strings (or, from the environment and --set, a comma-separated list); got \"shop\" (in config.json)."),
            ["list item of the wrong type"] = (() => Load.ProblemsFromJson("""{ "mongodb": { "includeNamespaces": ["shop", 1] } }"""),
                "'mongodb.includeNamespaces[1]' must be a string; got 1 (in config.json)."),
            ["list of invalid json"] = (() => Load.ProblemsFromSets("mongodb.excludeNamespaces=[\"shop\""),
                "'mongodb.excludeNamespaces' must be a JSON array of strings (or, from the environment and --set, a comma-separated list); got invalid JSON (line 1, position 8: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.) (in --set mongodb.excludeNamespaces)."),
            ["namespace pattern"] = (() => Load.ProblemsFromSets("mongodb.excludeNamespaces=shop."),
                "'mongodb.excludeNamespaces[0]' must be a database name or <database>.<collection>; got \"shop.\" (in --set mongodb.excludeNamespaces)."),
            ["collation not an object"] = (() => Load.ProblemsFromJson("""{ "mongodb": { "collation": "fr" } }"""),
                "'mongodb.collation' must be a collation document like {\"locale\": \"en\", \"strength\": 2}; got \"fr\" (in config.json)."),
            ["collation without locale"] = (() => Load.ProblemsFromJson("""{ "mongodb": { "collation": {"strength": 2} } }"""),
                "'mongodb.collation' is not a collation the MongoDB driver accepts (Element 'locale' missing when constructing a Collation object from a BsonDocument); got an object (in config.json)."),
            ["collation with an unknown field"] = (() => Load.ProblemsFromSets("mongodb.collation={\"locale\": \"fr\", \"strenght\": 2}"),
                "'mongodb.collation' is not a collation the MongoDB driver accepts (Unrecognized element 'strenght' when constructing a Collation object from a BsonDocument); got an object (in --set mongodb.collation)."),
            ["collation of invalid json"] = (() => Load.ProblemsFromSets("mongodb.collation={locale: fr}"),
                "'mongodb.collation' must be a collation document like {\"locale\": \"en\", \"strength\": 2}; got invalid JSON (line 1, position 2: 'l' is an invalid start of a property name. Expected a '\"'.) (in --set mongodb.collation)."),
            ["comment not a string"] = (() => Load.ProblemsFromJson("""{ "mongodb": { "comment": 5 } }"""),
                "'mongodb.comment' must be a string; got 5 (in config.json)."),
            ["pipeline not an array"] = (() => Load.ProblemsFromJson("""{ "mongodb": { "pipeline": {"$match": {}} } }"""),
                "'mongodb.pipeline' must be a JSON array of aggregation stages like [{\"$match\": {…}}]; got an object (in config.json)."),
            ["pipeline stage"] = (() => Load.ProblemsFromJson("""{ "mongodb": { "pipeline": [{"$match": {}, "$project": {}}] } }"""),
                "'mongodb.pipeline[0]' must be one aggregation stage, an object with a single \"$…\" field like {\"$match\": {…}}; got an object (in config.json)."),
            ["pipeline of invalid json"] = (() => Load.ProblemsFromSets("mongodb.pipeline=[{]"),
                "'mongodb.pipeline' must be a JSON array of aggregation stages like [{\"$match\": {…}}]; got invalid JSON (line 1, position 3: ']' is an invalid start of a property name. Expected a '\"'.) (in --set mongodb.pipeline)."),

            // Typed values (issue 19): mapping.value and the declared schemas of mapping.schemas.
            ["choice: mapping.value"] = (() => Load.ProblemsFromSets("mapping.value=typed"),
                "'mapping.value' must be one of envelope, document; got \"typed\" (in --set mapping.value)."),
            ["typed values without the document of updates"] = (() => Load.ProblemsFromSets("mapping.value=document"),
                "'mapping.value' is document, but 'mongodb.fullDocument' is default: update events would arrive without the document. Set mongodb.fullDocument to updateLookup, or whenAvailable/required with change stream pre- and post-images enabled on the collections."),
            ["declared schemas for envelopes"] = (() => Load.ProblemsFromSets("mapping.schemas.shop.orders=orders.avsc"),
                "'mapping.schemas' is set, but 'mapping.value' is envelope: declared schemas shape typed values only. Set mapping.value=document, or remove 'mapping.schemas'."),
            ["declared schema of no collection"] = (() => Load.ProblemsFromSets("mapping.value=document", "mongodb.fullDocument=updateLookup", "mapping.schemas.orders=orders.avsc"),
                "'mapping.schemas.orders' must name a namespace as <database>.<collection> (in --set mapping.schemas.orders); give the entry the collection's full name, like mapping.schemas.shop.orders."),
            ["declared schema file empty"] = (() => Load.ProblemsFromSets("mapping.value=document", "mongodb.fullDocument=updateLookup", "mapping.schemas.shop.orders="),
                "'mapping.schemas.shop.orders' must name the namespace's .avsc file; got an empty path (in --set mapping.schemas.shop.orders)."),
            ["declared schema file missing"] = (() => SchemaFileProblems("absent.avsc", null),
                "'mapping.schemas.shop.orders' names the file '<dir>/absent.avsc', which does not exist (in --set mapping.schemas.shop.orders); give the path of the namespace's .avsc file (a relative path starts at the working directory, <cwd>)."),
            ["declared schema file unreadable"] = (() => SchemaFileProblems(string.Empty, null),
                "'mapping.schemas.shop.orders' names '<dir>/', which cannot be read (in --set mapping.schemas.shop.orders): Access to the path '<dir>/' is denied. Give the path of a readable .avsc file."),
            ["declared schema not avro"] = (() => SchemaFileProblems("orders.avsc", """{"type": "record", "name": "Order"}"""),
                "'mapping.schemas.shop.orders' names the file '<dir>/orders.avsc', which is not a valid Avro schema (in --set mapping.schemas.shop.orders): The schema object at $ has no 'fields' attribute. Correct the schema in the file."),
            ["declared schema not a record"] = (() => SchemaFileProblems("orders.avsc", """{"type": "enum", "name": "Status", "namespace": "shop", "symbols": ["paid"]}"""),
                "'mapping.schemas.shop.orders' names the file '<dir>/orders.avsc', whose schema is the enum 'shop.Status', not a record (in --set mapping.schemas.shop.orders): a typed value is a record of the document's fields; declare a record."),
            ["declared schema with the metadata field"] = (() => SchemaFileProblems("orders.avsc", """{"type": "record", "name": "Order", "fields": [{"name": "__cdc", "type": "string"}]}"""),
                "'mapping.schemas.shop.orders' names the file '<dir>/orders.avsc', whose record declares a field named '__cdc' (in --set mapping.schemas.shop.orders): that is the name of the metadata record cdc puts first in every typed value; remove the field (a document field named __cdc has a hashed Avro name, see docs/typed-values.md)."),

            // Rules across keys.
            ["oversize deadLetter without a dead-letter topic"] = (() => Load.ProblemsFromSets("mapping.oversize=deadLetter"),
                "'mapping.oversize' is deadLetter, but 'kafka.deadLetterTopic' is not set: oversized records would have nowhere to go. Set kafka.deadLetterTopic to a topic outside the connector's topics (e.g. cdc-dead-letters), or set mapping.oversize to fail or reference."),
            ["oversize reference with typed values"] = (() => Load.ProblemsFromSets("mapping.oversize=reference", "mapping.value=document", "mongodb.fullDocument=updateLookup"),
                "'mapping.oversize' is reference, but 'mapping.value' is document: typed values have no Extended JSON bodies to replace with a reference. Use mapping.oversize=fail or mapping.oversize=deadLetter (with kafka.deadLetterTopic), or mapping.value=envelope."),
            ["scope collection incomplete"] = (() => Load.ProblemsFromSets("mongodb.scope=collection", "mongodb.database=shop"),
                "'mongodb.scope' is collection, so 'mongodb.database' and 'mongodb.collection' must both be set."),
            ["scope database without database"] = (() => Load.ProblemsFromSets("mongodb.scope=database"),
                "'mongodb.scope' is database, so 'mongodb.database' must be set."),
            ["scope database with collection"] = (() => Load.ProblemsFromSets("mongodb.scope=database", "mongodb.database=shop", "mongodb.collection=orders"),
                "'mongodb.scope' is database, but 'mongodb.collection' is set: use scope collection to watch one collection, or remove 'mongodb.collection'."),
            ["scope cluster with names"] = (() => Load.ProblemsFromSets("mongodb.database=shop"),
                "'mongodb.scope' is cluster, but 'mongodb.database' or 'mongodb.collection' is set: choose scope database or collection, or remove them (filter namespaces with 'mongodb.pipeline')."),
            ["checkpoint path without the file store"] = (() => Load.ProblemsFromSets("checkpoint.store=kafka", "checkpoint.path=/tmp/x"),
                "'checkpoint.path' is set, but 'checkpoint.store' is kafka: the path is only used by the file store."),
            ["checkpoint topic without the kafka store"] = (() => Load.ProblemsFromSets("checkpoint.topic=offsets"),
                "'checkpoint.topic' is set, but 'checkpoint.store' is file: the topic is only used by the kafka store."),
            ["checkpoint collection without the mongodb store"] = (() => Load.ProblemsFromSets("checkpoint.collection=cdc.positions"),
                "'checkpoint.collection' is set, but 'checkpoint.store' is file: the collection is only used by the mongodb store."),
            ["topic override key"] = (() => Load.ProblemsFromSets("kafka.topics.orders=t"),
                "'kafka.topics.orders' must name a namespace as <database>.<collection>."),
            ["topic override value"] = (() => Load.ProblemsFromSets("kafka.topics.shop.orders=a/b"),
                "'kafka.topics.shop.orders' must be a Kafka topic name: only letters, digits, '.', '_' and '-'; got \"a/b\"."),
            ["checkpoint topic is the dead-letter topic"] = (() => Load.ProblemsFromSets("checkpoint.store=kafka", "checkpoint.topic=state", "kafka.deadLetterTopic=state"),
                "'checkpoint.topic' and 'kafka.deadLetterTopic' are both \"state\": the kafka checkpoint store reads every record of its topic as a checkpoint, so dead-letter records must not go there; give one of them another topic."),
            ["dead-letter topic is a topic override"] = (() => Load.ProblemsFromSets("kafka.deadLetterTopic=orders", "kafka.topics.shop.orders=orders"),
                "'kafka.deadLetterTopic' and 'kafka.topics.shop.orders' are both \"orders\": dead-letter records are not change records (their values are JSON or raw BSON, not Avro, and one the broker refused for its size has the key and no value, which a consumer of change records takes for a delete), so change records must not go there; give one of them another topic."),
            ["checkpoint topic is a generated topic"] = (() => Load.ProblemsFromSets("mongodb.scope=database", "mongodb.database=shop", "checkpoint.store=kafka", "checkpoint.topic=cdc.shop"),
                "'checkpoint.topic' is \"cdc.shop\", which 'kafka.topicPrefix' and 'mongodb.database' make the topic of database shop's own events (dropDatabase) as well: the kafka checkpoint store reads every record of its topic as a checkpoint, so change records must not go there; fix: give 'checkpoint.topic' a name outside the connector's topics (neither \"cdc\" nor starting with \"cdc.\"); a checkpoint committed in the old topic stays there, so continue from it with mongodb.startAt=resumeAfter:<its token>."),
            ["topic override is a generated topic"] = (() => Load.ProblemsFromSets("mongodb.scope=collection", "mongodb.database=shop", "mongodb.collection=orders", "kafka.topics.shop.archive=cdc.shop.orders"),
                "'kafka.topics.shop.archive' is \"cdc.shop.orders\", which 'kafka.topicPrefix', 'mongodb.database' and 'mongodb.collection' make the topic of collection shop.orders as well, while kafka.topics does not name collection shop.orders: their records would merge there unannounced; fix: to publish shop.orders there as well on purpose, name it too with kafka.topics.shop.orders=cdc.shop.orders; otherwise give 'kafka.topics.shop.archive' another topic."),
            ["producer brokers"] = (() => Load.ProblemsFromSets("kafka.producer.bootstrap.servers=k:9092"),
                "'kafka.producer.bootstrap.servers' duplicates 'kafka.bootstrapServers': set the brokers there."),
            ["producer idempotence"] = (() => Load.ProblemsFromSets("kafka.producer.enable.idempotence=false"),
                "'kafka.producer.enable.idempotence' must stay true: without the idempotent producer, retries can reorder or duplicate events of one document; got \"false\"."),
            ["producer acks"] = (() => Load.ProblemsFromSets("kafka.producer.acks=1"),
                "'kafka.producer.acks' must stay all (-1): with fewer acknowledgements a broker failure can lose events whose resume token was already committed; got \"1\"."),
            ["producer partitioner that ignores the key"] = (() => Load.ProblemsFromSets("kafka.producer.partitioner=random"),
                "'kafka.producer.partitioner' must hash the key (murmur2_random, murmur2, consistent_random, consistent, fnv1a, fnv1a_random): \"random\" would spread one document's events over partitions and lose their order."),
            ["producer delivery reports of errors only"] = (() => Load.ProblemsFromSets("kafka.producer.delivery.report.only.error=true"),
                "'kafka.producer.delivery.report.only.error' cannot be used: the connector commits only what a successful delivery report confirmed."),
            ["producer Confluent.Kafka setting"] = (() => Load.ProblemsFromSets("kafka.producer.dotnet.producer.delivery.report.fields=none"),
                "'kafka.producer.dotnet.producer.delivery.report.fields' is a Confluent.Kafka client setting, not a librdkafka property; the connector sets these itself."),

            // librdkafka's own judgement of the producer configuration: each property at load, the producer's creation with what run needs.
            ["producer property librdkafka does not know"] = (() => Load.ProblemsFromSets("kafka.producer.not.a.prop=1"),
                "'kafka.producer.not.a.prop' is refused by librdkafka: No such configuration property: \"not.a.prop\" (in --set kafka.producer.not.a.prop); correct the property's name (librdkafka's CONFIGURATION.md lists every property) or remove the entry."),
            ["producer value librdkafka refuses"] = (() => Load.ProblemsFromJson("""{ "kafka": { "producer": { "compression.type": "brotli" } } }"""),
                "'kafka.producer.compression.type' is refused by librdkafka: Invalid value \"brotli\" for configuration property \"compression.codec\" (in config.json); give a value of the type and range librdkafka's CONFIGURATION.md lists for the property."),
            ["producer combination librdkafka refuses"] = (() => RunProblems(Load.FromEnvironment(("CDC__KAFKA__PRODUCER__MESSAGE_TIMEOUT_MS", "5"))),
                "'kafka.producer.message.timeout.ms' (in environment variable CDC__KAFKA__PRODUCER__MESSAGE_TIMEOUT_MS) is refused by librdkafka when it creates the producer: `message.timeout.ms` must be greater than `linger.ms` (the connector sets linger.ms=10); change the kafka.producer properties it names, or the files they name (librdkafka's CONFIGURATION.md gives each property's meaning and range)."),
            ["producer combination librdkafka refuses, two entries"] = (() => RunProblems(Load.FromSets("kafka.producer.linger.ms=500", "kafka.producer.message.timeout.ms=400")),
                "'kafka.producer.linger.ms' and 'kafka.producer.message.timeout.ms' are refused by librdkafka when it creates the producer: `message.timeout.ms` must be greater than `linger.ms`; change the kafka.producer properties it names, or the files they name (librdkafka's CONFIGURATION.md gives each property's meaning and range)."),
            ["producer combination librdkafka refuses, named by an alias"] = (() => RunProblems(Load.FromSets("kafka.producer.max.in.flight.requests.per.connection=10")),
                "'kafka.producer.max.in.flight.requests.per.connection' (in --set kafka.producer.max.in.flight.requests.per.connection) is refused by librdkafka when it creates the producer: `max.in.flight` must be set <= 5 when `enable.idempotence` is true (the connector sets enable.idempotence=true); change the kafka.producer properties it names, or the files they name (librdkafka's CONFIGURATION.md gives each property's meaning and range)."),
            ["producer combination librdkafka refuses, none of its entries named"] = (() => RunProblems(Load.FromSets("kafka.producer.message.send.max.retries=0")),
                "'kafka.producer' is refused by librdkafka when it creates the producer: `retries` must be set >= 1 when `enable.idempotence` is true (the connector sets enable.idempotence=true); change the kafka.producer properties it names, or the files they name (librdkafka's CONFIGURATION.md gives each property's meaning and range)."),
            ["producer combination librdkafka refuses, a file without its password"] = (() => RunProblems(Load.FromSets("kafka.producer.ssl.keystore.location=/etc/cdc/keystore.p12")),
                "'kafka.producer.ssl.keystore.location' (in --set kafka.producer.ssl.keystore.location) is refused by librdkafka when it creates the producer: `ssl.keystore.password` is mandatory when `ssl.keystore.location` is set; change the kafka.producer properties it names, or the files they name (librdkafka's CONFIGURATION.md gives each property's meaning and range)."),
            ["namespace filters with scope collection"] = (() => Load.ProblemsFromSets("mongodb.scope=collection", "mongodb.database=a", "mongodb.collection=b", "mongodb.includeNamespaces=a"),
                "'mongodb.includeNamespaces' and 'mongodb.excludeNamespaces' filter a database or cluster stream, but 'mongodb.scope' is collection: remove them."),
            ["namespace included and excluded"] = (() => Load.ProblemsFromSets("mongodb.includeNamespaces=shop", "mongodb.excludeNamespaces=shop"),
                "'shop' is in both 'mongodb.includeNamespaces' and 'mongodb.excludeNamespaces'."),
            ["registry oauth incomplete"] = (() => Load.ProblemsFromSets("schemaRegistry.oauthTokenEndpointUrl=https://idp/token", "schemaRegistry.oauthClientId=cdc"),
                "'schemaRegistry.oauthTokenEndpointUrl', 'schemaRegistry.oauthClientId' and 'schemaRegistry.oauthClientSecret' must all be set for OAuth; missing: 'schemaRegistry.oauthClientSecret'."),
            ["registry credentials of two kinds"] = (() => Load.ProblemsFromSets("schemaRegistry.basicAuth=cdc:pw", "schemaRegistry.bearerToken=t"),
                "The Schema Registry credentials are set in more than one way ('schemaRegistry.basicAuth', 'schemaRegistry.bearerToken'): the registry takes one kind; keep one."),
            ["registry urls with different credentials"] = (() => Load.ProblemsFromSets("schemaRegistry.url=http://a:pw1@sr1:8081,http://b:pw2@sr2:8081"),
                "The URLs of 'schemaRegistry.url' carry different credentials, but the registry client sends one set to every URL: give them once in 'schemaRegistry.basicAuth'."),
            ["registry tls files without https"] = (() => Load.ProblemsFromSets("schemaRegistry.url=http://sr:8081", "schemaRegistry.tlsCAFile=/etc/cdc/ca.pem"),
                "'schemaRegistry.tlsCAFile' is set, but no URL of 'schemaRegistry.url' is https://: it applies to TLS connections only."),
            ["backoff maximum below the start"] = (() => Load.ProblemsFromSets("pipeline.restartBackoffMs=2000", "pipeline.restartBackoffMaxMs=1000"),
                "'pipeline.restartBackoffMaxMs' (1000) must not be below 'pipeline.restartBackoffMs' (2000)."),
            ["live view without the endpoint"] = (() => Load.ProblemsFromSets("http.liveView=true", "http.enabled=false"),
                "'http.liveView' is true but 'http.enabled' is false: the live view is served on the operations endpoint. Set http.enabled=true, or http.liveView=false."),

            // What run and check need.
            ["run needs an endpoint"] = (RunProblems,
                "'mongodb.uri' is required to run the connector: set it in the configuration file, with CDC__MONGODB__URI, or with --set mongodb.uri=…."),
            ["run needs the store's location"] = (RunProblems,
                "'checkpoint.path' is required to run the connector because 'checkpoint.store' is file: set it in the configuration file, with CDC__CHECKPOINT__PATH, or with --set checkpoint.path=…."),
        };

    private static IReadOnlyList<string> RunProblems() =>
        Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadForRun(null, [], Load.NoEnvironment)).Problems;

    /// <summary>What ValidateForRun finds in a configuration that loaded: the run requirements and librdkafka's creation of the producer.</summary>
    private static IReadOnlyList<string> RunProblems(CdcOptions options) =>
        Assert.Throws<ConfigurationException>(() => ConfigurationLoader.ValidateForRun(options)).Problems;

    /// <summary>
    /// Loads typed values with the declared schema of shop.orders at <paramref name="fileName"/> in a fresh temporary directory,
    /// written with <paramref name="content"/> unless null; the directory shows as "&lt;dir&gt;", the working directory as "&lt;cwd&gt;".
    /// </summary>
    private static string[] SchemaFileProblems(string fileName, string? content)
    {
        var directory = Directory.CreateTempSubdirectory("cdc-schemas-").FullName;
        try
        {
            var path = directory + "/" + fileName;
            if (content is not null)
            {
                File.WriteAllText(path, content);
            }

            var problems = Load.ProblemsFromSets("mapping.value=document", "mongodb.fullDocument=updateLookup", $"mapping.schemas.shop.orders={path}");
            return problems
                .Select(problem => problem.Replace(directory, "<dir>", StringComparison.Ordinal).Replace(Environment.CurrentDirectory, "<cwd>", StringComparison.Ordinal))
                .ToArray();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Loads a file path under a fresh temporary directory; the directory shows as "&lt;dir&gt;" in the problems.</summary>
    private static string[] FileProblems(string relativePath)
    {
        var directory = Directory.CreateTempSubdirectory("cdc-config-").FullName;
        try
        {
            var path = directory + "/" + relativePath;
            var ex = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path, [], Load.NoEnvironment));
            return ex.Problems.Select(problem => problem.Replace(directory, "<dir>", StringComparison.Ordinal)).ToArray();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
