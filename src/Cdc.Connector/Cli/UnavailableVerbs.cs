using System.Diagnostics.CodeAnalysis;

namespace Cdc.Connector.Cli;

/// <summary>
/// Verbs that are part of the documented command line but not built yet: they say so plainly (exit 2) instead of
/// looking like typos.
/// </summary>
internal static class UnavailableVerbs
{
    public static bool TryGetMessage(string verb, [NotNullWhen(true)] out string? message)
    {
        message = verb switch
        {
            "check" => NotYet("check", "configuration validation and reaching MongoDB, Kafka and the Schema Registry"),
            _ => null,
        };
        return message is not null;
    }

    private static string NotYet(string verb, string what) =>
        $"""
        cdc {verb} is not available yet in this build; it arrives with a later issue ({what}).
        What works today: `cdc run --config FILE` and `cdc inspect FILE|-` (see `cdc help`).

        """;
}
