namespace Cdc.Cli;

internal static class Usage
{
    public const string Text = """
        Usage: cdc VERB [ARGS…]

        Verbs:
          inspect [--config FILE] [--set key=value]… FILE|-
                      read one change event (MongoDB Extended JSON) from FILE or stdin, map it with the
                      same code and settings as `cdc run`, and print the Kafka key and value it becomes
          run --config FILE [--set key=value]…
                      the connector: read the MongoDB change stream, publish every event to Kafka, commit
                      its position once acknowledged; SIGTERM/SIGINT flush, commit and exit 0
          check [--config FILE] [--set key=value]… [--json] [--timeout SECONDS]
                      validate the configuration as `run` does, then check MongoDB, Kafka, the Schema Registry
                      and the checkpoint store: one PASS/WARN/FAIL line per check with the fix; exit 1 on a failure
          snapshot --config FILE [--set key=value]… [--wait [--timeout SECONDS]] DATABASE.COLLECTION…
                      ask the running connector of this pipeline to snapshot these collections again, beside
                      its change stream; the request goes through the checkpoint store
          tail --config FILE [--set key=value]… [--from-beginning] [--json] [--max N] [TOPIC…]
                      consume the pipeline's topics (or those named) and print each record decoded through the
                      Schema Registry: topic, partition, offset, timestamp, key and value; new records only unless
                      --from-beginning; until --max N records or SIGINT/SIGTERM; exit 3 when a record did not decode
          sandbox [--mongodb-port N] [--replica-set NAME] [--oplog-window N] [--kafka-brokers N]
                  [--schema-registry-port N] [--control-port N]
                      start local MongoDB, Kafka and Schema Registry stand-ins on 127.0.0.1; print one
                      JSON line with their endpoints when ready; run until SIGINT/SIGTERM
          demo [--duration SECONDS] [--rate N] [--json] [--keep] [--typed]
                      try it: the sandbox, the connector, a shop workload and a consumer decoding the
                      Avro records, with a live view of events/s, lag and latency; until Ctrl-C
          help        this text
          --version   print the version

        Configuration: a JSON file (--config FILE), then CDC__SECTION__KEY environment variables,
        then --set key=value arguments; later sources win. Every key: docs/configuration.md.

        """;
}
