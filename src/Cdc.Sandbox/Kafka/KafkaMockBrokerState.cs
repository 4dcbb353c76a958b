namespace Cdc.Sandbox.Kafka;

/// <summary>A mock broker as the control calls left it (librdkafka has no getter for either setting).</summary>
internal sealed record KafkaMockBrokerState(int Id, string Endpoint, bool IsUp, int RoundTripTimeMs);
