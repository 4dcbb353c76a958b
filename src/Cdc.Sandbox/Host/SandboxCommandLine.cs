using System.Globalization;

namespace Cdc.Sandbox.Host;

/// <summary>The options of `cdc sandbox`, parsed into <see cref="SandboxHostOptions"/>.</summary>
internal static class SandboxCommandLine
{
    public const string Usage =
        "usage: cdc sandbox [--mongodb-port N] [--replica-set NAME] [--oplog-window N] [--kafka-brokers N]\n" +
        "                   [--schema-registry-port N] [--control-port N] [--tls] [--auth]\n" +
        "  Starts the MongoDB emulator, an embedded Kafka and an in-memory Schema Registry on 127.0.0.1, prints one\n" +
        "  JSON line {\"mongodb\",\"kafka\",\"schemaRegistry\",\"control\"} on stdout when ready, and runs until\n" +
        "  SIGINT/SIGTERM. Ports default to 0 (any free port); Kafka's ports are always chosen by the system.\n" +
        "  Defaults: --replica-set rs0, --oplog-window 100000 events, --kafka-brokers 3.\n" +
        "  --tls: throwaway certificates; the registry on https and Kafka through TLS relays (the line adds \"caFile\").\n" +
        "  --auth: the registry asks for basic auth with generated credentials (the line adds \"schemaRegistryBasicAuth\").\n";

    /// <returns>The options, or null with <paramref name="error"/> set (a usage error) or <paramref name="help"/> set.</returns>
    public static SandboxHostOptions? Parse(IReadOnlyList<string> args, out string? error, out bool help)
    {
        var options = new SandboxHostOptions();
        help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                help = true;
                error = null;
                return null;
            }

            // The switches take no value.
            if (arg is "--tls" or "--auth")
            {
                options = arg == "--tls" ? options with { Tls = true } : options with { Auth = true };
                continue;
            }

            string name;
            string? value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
                value = i + 1 < args.Count ? args[++i] : null;
            }

            if (name is "--tls" or "--auth")
            {
                error = $"{name} is a switch and takes no value (not '{arg}').";
                return null;
            }

            if (name is not ("--mongodb-port" or "--replica-set" or "--oplog-window" or "--kafka-brokers" or "--schema-registry-port" or "--control-port"))
            {
                error = arg.StartsWith('-') ? $"unknown option '{arg}'." : $"unexpected argument '{arg}' (cdc sandbox takes only options).";
                return null;
            }

            if (value is null || (equals < 0 && value.StartsWith("--", StringComparison.Ordinal)))
            {
                // "--replica-set --kafka-brokers 1" is a forgotten value, not a set named "--kafka-brokers".
                error = $"{name} needs a value.";
                return null;
            }

            if (name == "--replica-set")
            {
                options = options with { ReplicaSetName = value };
                continue;
            }

            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                error = $"{name} needs an integer, not '{value}'.";
                return null;
            }

            options = name switch
            {
                "--mongodb-port" => options with { MongoDbPort = number },
                "--oplog-window" => options with { OplogWindow = number },
                "--kafka-brokers" => options with { KafkaBrokers = number },
                "--schema-registry-port" => options with { SchemaRegistryPort = number },
                _ => options with { ControlPort = number },
            };
        }

        error = options.Problem();
        return error is null ? options : null;
    }
}
