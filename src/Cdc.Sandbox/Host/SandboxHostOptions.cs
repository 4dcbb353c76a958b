using Cdc.Sandbox.Kafka;

namespace Cdc.Sandbox.Host;

/// <summary>Settings of <see cref="SandboxHost"/>. Every listener binds 127.0.0.1; a port of 0 picks a free one.</summary>
internal sealed record SandboxHostOptions
{
    public const int MaxOplogWindow = 10_000_000;

    public int MongoDbPort { get; init; }

    public string ReplicaSetName { get; init; } = "rs0";

    /// <summary>How many oplog entries the emulator keeps: the window change streams can resume within.</summary>
    public int OplogWindow { get; init; } = 100_000;

    public int KafkaBrokers { get; init; } = KafkaMockCluster.DefaultBrokerCount;

    public int SchemaRegistryPort { get; init; }

    public int ControlPort { get; init; }

    /// <summary>
    /// `--tls`: throwaway certificates at start, the registry on https and Kafka behind TLS relays (the CA's PEM file
    /// in the ready line's <c>caFile</c>). MongoDB and the control API stay plaintext for now (docs/sandbox-host.md).
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>`--auth`: every registry request needs HTTP basic auth with a user:password generated at start.</summary>
    public bool Auth { get; init; }

    /// <summary>The first problem with these settings, phrased with the command line's option names, or null.</summary>
    public string? Problem()
    {
        foreach (var (option, port) in Ports())
        {
            if (port is < 0 or > 65535)
            {
                return $"{option} must be 0 (any free port) to 65535, not {port}.";
            }
        }

        if (ReplicaSetName.Length is 0 or > 64 || !IsPlainName(ReplicaSetName))
        {
            return $"--replica-set '{ReplicaSetName}' must be 1..64 ASCII letters, digits, '-', '_' or '.'.";
        }

        if (OplogWindow is < 1 or > MaxOplogWindow)
        {
            return $"--oplog-window must be 1..{MaxOplogWindow} events, not {OplogWindow}.";
        }

        if (KafkaBrokers is < 1 or > KafkaMockCluster.MaxBrokerCount)
        {
            return $"--kafka-brokers must be 1..{KafkaMockCluster.MaxBrokerCount}, not {KafkaBrokers}.";
        }

        var ports = Ports();
        for (var i = 0; i < ports.Length; i++)
        {
            for (var j = i + 1; j < ports.Length; j++)
            {
                if (ports[i].Port != 0 && ports[i].Port == ports[j].Port)
                {
                    return $"{ports[i].Option} and {ports[j].Option} are both {ports[i].Port}; each listener needs its own port.";
                }
            }
        }

        return null;
    }

    private (string Option, int Port)[] Ports() =>
        [("--mongodb-port", MongoDbPort), ("--schema-registry-port", SchemaRegistryPort), ("--control-port", ControlPort)];

    private static bool IsPlainName(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
