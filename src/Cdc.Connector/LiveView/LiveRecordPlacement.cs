namespace Cdc.Connector.LiveView;

/// <summary>Where Kafka put one record of a change.</summary>
internal readonly record struct LiveRecordPlacement(string Topic, int Partition, long Offset);
