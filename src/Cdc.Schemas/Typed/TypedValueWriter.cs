using System.Buffers;
using System.Text;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Typed;

/// <summary>
/// Writes a typed value (docs/typed-values.md): the Avro binary of <c>__cdc</c>, then the document's fields in schema
/// order, straight from the BSON bytes, with a compiled <see cref="TypedWritePlan"/>. BSON elements arrive in document
/// order and Avro wants schema order, so each record level first notes where each field's value is (three ints per
/// field, on the stack for up to <see cref="StackFields"/> fields) and then writes them in schema order. Once the plan
/// is compiled, a document that fits allocates nothing. A document that does not fit returns a
/// <see cref="TypedWriteResult"/> naming the field and the BSON type, and leaves a partial record in the output.
/// Not thread-safe (it keeps a scratch buffer for Extended JSON text): one writer per pipeline thread.
/// </summary>
internal sealed class TypedValueWriter
{
    /// <summary>Records with more fields note their positions in a pooled array instead.</summary>
    private const int StackFields = 32;
    private const int SlotsPerField = 3;

    private readonly ArrayBufferWriter<byte> _extendedJson = new(256);
    private TypedWriteResult _misfit;

    /// <summary>Writes <paramref name="metadata"/> and <paramref name="document"/> (BSON, length prefix included).</summary>
    /// <exception cref="BsonFormatException">The document is not valid BSON.</exception>
    public TypedWriteResult Write(TypedWritePlan plan, scoped in CdcMetadata metadata, ReadOnlySpan<byte> document, IBufferWriter<byte> output)
    {
        CdcMetadataWriter.Write(output, in metadata);
        var reader = new BsonReader(document);
        return WriteRecord(plan.Document, ref reader, output, depth: 1) ? TypedWriteResult.Written : _misfit;
    }

    /// <summary>
    /// The delete form: <paramref name="metadata"/> (whose operation the caller sets to "delete") and every document
    /// field null; a declared field that is neither nullable nor has a default does not fit.
    /// </summary>
    public TypedWriteResult WriteDelete(TypedWritePlan plan, scoped in CdcMetadata metadata, IBufferWriter<byte> output)
    {
        CdcMetadataWriter.Write(output, in metadata);
        foreach (var field in plan.Document.Fields)
        {
            if (!WriteNullField(field, TypedMisfit.MissingWithoutDefault, output))
            {
                return _misfit;
            }
        }

        return TypedWriteResult.Written;
    }

    private bool WriteRecord(TypedRecordPlan plan, ref BsonReader reader, IBufferWriter<byte> output, int depth)
    {
        if (depth > BsonLimits.MaxNestingDepth)
        {
            return Misfit(TypedMisfit.TooDeep, plan.Path, BsonType.Document);
        }

        var fields = plan.Fields;
        int[]? rented = null;
        var slots = fields.Length <= StackFields
            ? stackalloc int[StackFields * SlotsPerField]
            : rented = ArrayPool<int>.Shared.Rent(fields.Length * SlotsPerField);
        try
        {
            return NoteFields(plan, ref reader, slots) && WriteFields(plan, reader.Document, reader.BaseOffset, slots, output, depth);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Per field: the value's offset in the record's bytes (-1 when absent), its length and its BSON type.</summary>
    private bool NoteFields(TypedRecordPlan plan, ref BsonReader reader, scoped Span<int> slots)
    {
        var fields = plan.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            slots[i * SlotsPerField] = -1;
        }

        while (reader.MoveNext())
        {
            ref readonly var element = ref reader.CurrentByRef;
            var index = plan.Lookup.Find(element.Name);
            if (index < 0)
            {
                return Misfit(TypedMisfit.FieldNotInSchema, TypedNames.Join(plan.Path, Encoding.UTF8.GetString(element.Name)), element.Type);
            }

            var at = index * SlotsPerField;
            if (slots[at] >= 0)
            {
                return Misfit(TypedMisfit.DuplicateField, fields[index].Value.Path, element.Type);
            }

            slots[at] = element.ValueOffset - reader.BaseOffset;
            slots[at + 1] = element.Value.Length;
            slots[at + 2] = (int)element.Type;
        }

        return true;
    }

    private bool WriteFields(TypedRecordPlan plan, ReadOnlySpan<byte> record, int baseOffset, ReadOnlySpan<int> slots, IBufferWriter<byte> output, int depth)
    {
        var fields = plan.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            var at = i * SlotsPerField;
            var start = slots[at];
            if (start < 0)
            {
                if (!WriteNullField(fields[i], TypedMisfit.MissingWithoutDefault, output))
                {
                    return false;
                }

                continue;
            }

            var element = new BsonElement
            {
                Type = (BsonType)slots[at + 2],
                Value = record.Slice(start, slots[at + 1]),
                ValueOffset = baseOffset + start,
            };
            var written = element.Type == BsonType.Null
                ? WriteNullField(fields[i], TypedMisfit.NullNotAccepted, output)
                : WriteValue(fields[i].Value, in element, output, depth);
            if (!written)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An absent or null field: its null branch, else its declared default, else a misfit.</summary>
    private bool WriteNullField(TypedFieldPlan field, TypedMisfit misfit, IBufferWriter<byte> output)
    {
        if (field.Value.NullBranch != TypedValuePlan.NullNotAccepted || field.DefaultBinary is null)
        {
            return WriteNull(field.Value, misfit, output);
        }

        var span = output.GetSpan(field.DefaultBinary.Length);
        field.DefaultBinary.CopyTo(span);
        output.Advance(field.DefaultBinary.Length);
        return true;
    }

    private bool WriteNull(TypedValuePlan plan, TypedMisfit misfit, IBufferWriter<byte> output)
    {
        if (plan.NullBranch >= 0)
        {
            AvroBinary.WriteUnionIndex(output, plan.NullBranch);
            return true;
        }

        return plan.NullBranch == TypedValuePlan.NullWithoutIndex || Misfit(misfit, plan.Path, BsonType.Null);
    }

    private bool WriteValue(TypedValuePlan plan, scoped in BsonElement element, IBufferWriter<byte> output, int depth)
    {
        if (element.Type == BsonType.Null)
        {
            return WriteNull(plan, TypedMisfit.NullNotAccepted, output);
        }

        var branch = plan.ByClass[(int)BsonValueClasses.Of(in element)];
        if (branch is null)
        {
            return Misfit(TypedMisfit.NoBranchForType, plan.Path, element.Type);
        }

        if (branch.BranchIndex >= 0)
        {
            AvroBinary.WriteUnionIndex(output, branch.BranchIndex);
        }

        switch (branch.Encoding)
        {
            case TypedValueEncoding.Boolean:
                AvroBinary.WriteBoolean(output, element.GetBoolean());
                return true;
            case TypedValueEncoding.Int:
                AvroBinary.WriteInt(output, element.GetInt32());
                return true;
            case TypedValueEncoding.Long:
                AvroBinary.WriteLong(output, element.GetInt64());
                return true;
            case TypedValueEncoding.Int32AsLong:
                AvroBinary.WriteLong(output, element.GetInt32());
                return true;
            case TypedValueEncoding.Double:
                AvroBinary.WriteDouble(output, element.GetDouble());
                return true;
            case TypedValueEncoding.String:
                AvroBinary.WriteString(output, element.GetStringUtf8());
                return true;
            case TypedValueEncoding.Bytes:
                AvroBinary.WriteBytes(output, element.GetBinary(out _));
                return true;
            case TypedValueEncoding.DateMillis:
                AvroBinary.WriteLong(output, element.GetDateTime());
                return true;
            case TypedValueEncoding.ObjectIdHex:
                TypedText.WriteObjectId(output, element.GetObjectId());
                return true;
            case TypedValueEncoding.Decimal128Text:
                TypedText.WriteDecimal128(output, element.GetDecimal128());
                return true;
            case TypedValueEncoding.UuidText:
                TypedText.WriteUuid(output, element.GetBinary(out _));
                return true;
            case TypedValueEncoding.ExtendedJson:
                _extendedJson.ResetWrittenCount();
                ExtendedJsonWriter.WriteValue(element, _extendedJson, ExtendedJsonMode.Canonical);
                AvroBinary.WriteString(output, _extendedJson.WrittenSpan);
                return true;
            case TypedValueEncoding.Timestamp:
                {
                    var timestamp = element.GetTimestamp();
                    AvroBinary.WriteLong(output, timestamp.Seconds);
                    AvroBinary.WriteLong(output, timestamp.Increment);
                    return true;
                }

            case TypedValueEncoding.RegularExpression:
                {
                    var pattern = element.GetRegularExpression(out var options);
                    AvroBinary.WriteString(output, pattern);
                    AvroBinary.WriteString(output, options);
                    return true;
                }

            case TypedValueEncoding.Document:
                {
                    var child = element.GetDocumentReader();
                    return WriteRecord(branch.Record!, ref child, output, depth + 1);
                }

            case TypedValueEncoding.Array:
                return WriteArray(branch.Items!, in element, output, depth + 1);
            default:
                return DecimalFit.TryWrite(output, element.GetDecimal128(), branch.Precision, branch.Scale)
                    || Misfit(TypedMisfit.DecimalNotExact, plan.Path, element.Type);
        }
    }

    /// <summary>One block holding every item (Avro needs the count first, so the items are counted in a first pass), then the end marker.</summary>
    private bool WriteArray(TypedValuePlan items, scoped in BsonElement element, IBufferWriter<byte> output, int depth)
    {
        if (depth > BsonLimits.MaxNestingDepth)
        {
            return Misfit(TypedMisfit.TooDeep, items.Path, BsonType.Array);
        }

        var counter = element.GetDocumentReader();
        var count = 0;
        while (counter.MoveNext())
        {
            count++;
        }

        if (count > 0)
        {
            AvroBinary.WriteBlockCount(output, count);
            var reader = element.GetDocumentReader();
            while (reader.MoveNext())
            {
                if (!WriteValue(items, in reader.CurrentByRef, output, depth))
                {
                    return false;
                }
            }
        }

        AvroBinary.WriteBlockEnd(output);
        return true;
    }

    private bool Misfit(TypedMisfit misfit, string path, BsonType bsonType)
    {
        _misfit = new TypedWriteResult(misfit, path, bsonType);
        return false;
    }
}
