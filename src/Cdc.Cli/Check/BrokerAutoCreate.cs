namespace Cdc.Cli.Check;

/// <summary>Whether the brokers create a topic at its first write (auto.create.topics.enable), or why that is unknown.</summary>
internal sealed record BrokerAutoCreate(bool? Enabled, string Note)
{
    public static BrokerAutoCreate Known(bool enabled) => new(enabled, $"auto.create.topics.enable={(enabled ? "true" : "false")}");

    public static BrokerAutoCreate Unknown(string reason) => new(null, $"auto.create.topics.enable could not be read: {reason}");
}
