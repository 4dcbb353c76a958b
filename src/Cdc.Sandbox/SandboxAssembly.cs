namespace Cdc.Sandbox;

/// <summary>
/// Local stand-ins for trying and testing cdc: a MongoDB replica-set emulator, an embedded Kafka (librdkafka's mock
/// cluster) and an in-memory Schema Registry. Never used by `cdc run` against real systems.
/// </summary>
internal static class SandboxAssembly
{
    public const string Name = "Cdc.Sandbox";
}
