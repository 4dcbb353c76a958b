namespace Cdc.Sandbox.Kafka;

/// <summary>
/// The Kafka protocol requests the embedded Kafka accepts injected errors for, by their protocol ApiKey: those
/// librdkafka 2.0.2's mock broker implemented (its <c>rdkafka_mock_handlers.c</c>), which 2.16's still implements. 2.16
/// also answers OffsetForLeaderEpoch and the KIP-848, KIP-714 and KIP-932 requests; no client of the connector sends
/// them, so they are not offered. Errors pushed for a request the mock does not implement would wait forever.
/// </summary>
internal enum KafkaApiKey : short
{
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    OffsetCommit = 8,
    OffsetFetch = 9,
    FindCoordinator = 10,
    JoinGroup = 11,
    Heartbeat = 12,
    LeaveGroup = 13,
    SyncGroup = 14,
    ApiVersions = 18,
    InitProducerId = 22,
    AddPartitionsToTxn = 24,
    AddOffsetsToTxn = 25,
    EndTxn = 26,
    TxnOffsetCommit = 28,
}
