using Confluent.Kafka;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>
/// One record the fake publisher received. A dead-letter record also keeps the <see cref="DeadLetterRecordSnapshot"/>
/// the pipeline handed over (its headers come from it); a record produced with headers keeps them in <c>Headers</c>.
/// </summary>
internal sealed record PublishedRecord(
    string Topic, byte[]? Key, byte[]? Value, long Sequence, bool DeadLetter, string? Reason, DeadLetterRecordSnapshot? DeadLetterRecord = null, Headers? Headers = null);
