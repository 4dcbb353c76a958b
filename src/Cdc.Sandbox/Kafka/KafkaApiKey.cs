namespace Cdc.Sandbox.Kafka;

/// <summary>
/// The Kafka protocol requests librdkafka 2.0.2's mock broker implements (its <c>rdkafka_mock_handlers.c</c>), by
/// their protocol ApiKey. Errors can be injected only into these: the mock advertises only these in ApiVersions and
/// closes the connection on any other request, so errors pushed for another key would wait forever.
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
