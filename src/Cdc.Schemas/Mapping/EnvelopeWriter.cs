using System.Buffers;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Writes the key and value records in schema order (see <see cref="EnvelopeSchemas"/>) from already-checked spans.
/// Nothing here can fail on event content: the scanner and the renderer have checked it all.
/// </summary>
internal static class EnvelopeWriter
{
    // Union branch indexes: every nullable field is ["null", T].
    private const int NullBranch = 0;
    private const int ValueBranch = 1;

    public static void WriteKey(IBufferWriter<byte> key, ReadOnlySpan<byte> documentKeyJson) =>
        AvroBinary.WriteString(key, documentKeyJson);

    public static void WriteValue(IBufferWriter<byte> value, ref ChangeEventFields fields, ReadOnlySpan<byte> scratch, in RenderedFields rendered)
    {
        AvroBinary.WriteString(value, fields.ResumeToken);
        AvroBinary.WriteString(value, fields.OperationType);
        AvroBinary.WriteLong(value, fields.ClusterTime.Seconds);
        AvroBinary.WriteLong(value, fields.ClusterTime.Increment);
        if (fields.HasWallTime)
        {
            AvroBinary.WriteUnionIndex(value, ValueBranch);
            AvroBinary.WriteLong(value, fields.WallTime);
        }
        else
        {
            AvroBinary.WriteUnionIndex(value, NullBranch);
        }

        // Events without ns (invalidate) still fill the non-null ns record: db "" and coll null.
        WriteNamespace(value, fields.NsDb, fields.HasNsColl, fields.NsColl);
        WriteOptionalText(value, scratch, rendered.DocumentKey);
        WriteOptionalText(value, scratch, rendered.FullDocument);
        WriteOptionalText(value, scratch, rendered.FullDocumentBeforeChange);
        WriteUpdateDescription(value, ref fields, scratch, in rendered);
        if (fields.HasTxnNumber)
        {
            AvroBinary.WriteUnionIndex(value, ValueBranch);
            AvroBinary.WriteLong(value, fields.TxnNumber);
        }
        else
        {
            AvroBinary.WriteUnionIndex(value, NullBranch);
        }

        WriteOptionalText(value, scratch, rendered.Lsid);
        if (fields.HasTo)
        {
            AvroBinary.WriteUnionIndex(value, ValueBranch);
            WriteNamespace(value, fields.ToDb, fields.HasToColl, fields.ToColl);
        }
        else
        {
            AvroBinary.WriteUnionIndex(value, NullBranch);
        }

        WriteOptionalText(value, scratch, rendered.OperationDescription);
    }

    private static void WriteNamespace(IBufferWriter<byte> value, ReadOnlySpan<byte> db, bool hasColl, ReadOnlySpan<byte> coll)
    {
        AvroBinary.WriteString(value, db);
        if (hasColl)
        {
            AvroBinary.WriteUnionIndex(value, ValueBranch);
            AvroBinary.WriteString(value, coll);
        }
        else
        {
            AvroBinary.WriteUnionIndex(value, NullBranch);
        }
    }

    private static void WriteUpdateDescription(IBufferWriter<byte> value, ref ChangeEventFields fields, ReadOnlySpan<byte> scratch, in RenderedFields rendered)
    {
        if (!fields.HasUpdateDescription)
        {
            AvroBinary.WriteUnionIndex(value, NullBranch);
            return;
        }

        AvroBinary.WriteUnionIndex(value, ValueBranch);
        AvroBinary.WriteString(value, ChangeEventMapper.Slice(scratch, rendered.UpdatedFields));

        if (fields.RemovedFieldCount > 0)
        {
            AvroBinary.WriteBlockCount(value, fields.RemovedFieldCount);
            var removed = new BsonReader(fields.RemovedFields);
            while (removed.MoveNext())
            {
                AvroBinary.WriteString(value, removed.Current.GetStringUtf8());
            }
        }

        AvroBinary.WriteBlockEnd(value);

        if (fields.TruncatedArrayCount > 0)
        {
            AvroBinary.WriteBlockCount(value, fields.TruncatedArrayCount);
            var truncated = new BsonReader(fields.TruncatedArrays);
            var index = 0;
            while (truncated.MoveNext())
            {
                UpdateDescriptionScanner.ReadTruncatedArray(truncated.Current, index++, out var field, out var newSize);
                AvroBinary.WriteString(value, field);
                AvroBinary.WriteInt(value, newSize);
            }
        }

        AvroBinary.WriteBlockEnd(value);
        WriteOptionalText(value, scratch, rendered.DisambiguatedPaths);
    }

    private static void WriteOptionalText(IBufferWriter<byte> value, ReadOnlySpan<byte> scratch, TextRange range)
    {
        if (range.IsPresent)
        {
            AvroBinary.WriteUnionIndex(value, ValueBranch);
            AvroBinary.WriteString(value, ChangeEventMapper.Slice(scratch, range));
        }
        else
        {
            AvroBinary.WriteUnionIndex(value, NullBranch);
        }
    }
}
