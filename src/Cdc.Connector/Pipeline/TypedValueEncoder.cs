using Cdc.Connector.Sink;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Typed;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Writes typed values (mapping.value=document) on the reading thread: the event's document with the writer schema
/// its namespace's <see cref="TypedSchemaLedger"/> holds, widened through the ledger when the document does not fit.
/// Once a namespace's shape is known, writing allocates nothing.
/// </summary>
internal sealed class TypedValueEncoder(TypedSchemaLedger ledger, TypedSchemaStarts starts)
{
    private readonly TypedValueWriter _writer = new();

    /// <summary>
    /// Writes the value of <paramref name="parts"/> into <paramref name="value"/> (reset here; the framing header stays
    /// reserved) and returns its schema id. Throws <see cref="ChangeEventMappingException"/> when no schema the
    /// ledger may use can take the document (the event's error), <see cref="SchemaIdRegistrationException"/> when the
    /// registry refuses for good, and <see cref="OperationCanceledException"/> when stopped while it is unreachable.
    /// </summary>
    public int Write(NamespaceRoute route, scoped in TypedEventParts parts, FramedPayloadBuffer value, CancellationToken stopping)
    {
        var entry = ledger.Current(route) ?? ledger.Resolve(route, starts, parts.Document, stopping);
        var result = TryWrite(entry, in parts, value);
        if (result.Fits)
        {
            return entry.SchemaId;
        }

        entry = ledger.Widen(route, entry, parts.Document, result.Message, stopping);
        result = TryWrite(entry, in parts, value);
        if (!result.Fits)
        {
            // The ledger widened for this very document: a misfit now is a disagreement between builder and writer.
            throw new InvalidOperationException($"A document of {route.Topic} does not fit schema id {entry.SchemaId}, which was widened for it: {result.Message}");
        }

        return entry.SchemaId;
    }

    /// <summary>
    /// A <c>modify</c> event of <paramref name="route"/>'s collection (its options changed, perhaps its validator): the
    /// fields a new <c>$jsonSchema</c> declares are added to the namespace's schema ahead of the documents.
    /// </summary>
    public void CollectionModified(NamespaceRoute route, CancellationToken stopping)
    {
        if (ledger.Current(route) is null || starts.Declared(route) is not null)
        {
            return;
        }

        if (starts.ValidatorRecord(route) is { } record)
        {
            ledger.AddValidatorFields(route, record, stopping);
        }
    }

    private TypedWriteResult TryWrite(TypedLedgerEntry entry, scoped in TypedEventParts parts, FramedPayloadBuffer value)
    {
        value.Reset();
        return TypedEventWriting.Write(_writer, entry.Plan, in parts, value);
    }
}
