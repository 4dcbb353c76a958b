using System.Buffers;
using Cdc.Schemas.Bson;
using Cdc.Schemas.Typed;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Writes the typed value of one event (docs/typed-values.md): its document with the plan given, or, when it
/// has none (a delete, a DDL event), the metadata and every field null. The one place `cdc run`, `cdc inspect` and the
/// benchmark write typed values, so they cannot differ.
/// </summary>
internal static class TypedEventWriting
{
    /// <exception cref="ChangeEventMappingException">The document is not valid BSON (the message names the event offset).</exception>
    public static TypedWriteResult Write(TypedValueWriter writer, TypedWritePlan plan, scoped in TypedEventParts parts, IBufferWriter<byte> output)
    {
        if (parts.Document.IsEmpty)
        {
            return writer.WriteDelete(plan, parts.Metadata, output);
        }

        try
        {
            return writer.Write(plan, parts.Metadata, parts.Document, output);
        }
        catch (BsonFormatException ex)
        {
            throw new ChangeEventMappingException("fullDocument", $"malformed BSON at event offset {parts.DocumentOffset + ex.Offset}: {ex.Problem}", ex);
        }
    }
}
