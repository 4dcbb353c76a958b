using System.Diagnostics.CodeAnalysis;

namespace Cdc.Connector.Cli;

/// <summary>
/// Verbs that are part of the documented command line but not built yet: they say so plainly (exit 2) instead of
/// looking like typos.
/// </summary>
internal static class UnavailableVerbs
{
    public const string DemoMessage = """
        cdc demo is not available yet: the demo (the sandbox, the connector, a sample workload and a live
        view of events/s, lag and latency) arrives with a later issue.

        What works today:
          ./cdc run --config FILE   the connector: MongoDB change stream → Kafka, checkpointed
          ./cdc inspect FILE|-      map one change event and print the Avro key/value it becomes in Kafka
          ./cdc sandbox             local MongoDB, Kafka and Schema Registry stand-ins
          ./cdc test                build and run every test

        """;

    public static bool TryGetMessage(string verb, [NotNullWhen(true)] out string? message)
    {
        message = verb switch
        {
            "demo" => DemoMessage,
            _ => null,
        };
        return message is not null;
    }
}
