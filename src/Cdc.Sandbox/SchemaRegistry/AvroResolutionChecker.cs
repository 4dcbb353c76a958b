using Cdc.Schemas.Avro;

namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>
/// Decides whether data written with one Avro schema can be read with another, by the specification's schema
/// resolution rules: same primitive or a promotion (int→long→float→double, string↔bytes); records matched by full
/// name (or a reader alias) and fields by name (or a reader field alias), a reader field missing from the writer
/// needing a default; enums by name with every writer symbol known to the reader unless the reader has a default;
/// fixed by name and size; arrays and maps by their items and values; a writer union needing every branch readable,
/// a reader union needing one branch that reads the writer. Logical types do not take part, as the specification says.
/// </summary>
internal sealed class AvroResolutionChecker
{
    private readonly List<string> _problems = [];

    // Pairs of named types being compared: a recursive record is compatible with itself unless something else fails.
    private readonly HashSet<(AvroSchema Reader, AvroSchema Writer)> _inProgress = [];

    private AvroResolutionChecker()
    {
    }

    /// <summary>The reasons <paramref name="reader"/> cannot read data written with <paramref name="writer"/>; empty when it can.</summary>
    public static IReadOnlyList<string> Check(AvroSchema reader, AvroSchema writer)
    {
        var checker = new AvroResolutionChecker();
        checker.Resolve(reader, writer, "/");
        return checker._problems;
    }

    public static bool CanRead(AvroSchema reader, AvroSchema writer) => Check(reader, writer).Count == 0;

    private bool Resolve(AvroSchema reader, AvroSchema writer, string path)
    {
        if (writer is AvroUnionSchema writerUnion)
        {
            // Any branch may have been written, so the reader must cope with each.
            var all = true;
            for (var i = 0; i < writerUnion.Branches.Count; i++)
            {
                all &= Resolve(reader, writerUnion.Branches[i], $"{path}union[{i}]/");
            }

            return all;
        }

        if (reader is AvroUnionSchema readerUnion)
        {
            foreach (var branch in readerUnion.Branches)
            {
                if (Quietly(branch, writer))
                {
                    return true;
                }
            }

            return Fail(path, $"no branch of the reader's union {Describe(reader)} reads the writer's {Describe(writer)}");
        }

        return reader.Type switch
        {
            AvroType.Record => ResolveRecord((AvroRecordSchema)reader, writer, path),
            AvroType.Enum => ResolveEnum((AvroEnumSchema)reader, writer, path),
            AvroType.Fixed => ResolveFixed((AvroFixedSchema)reader, writer, path),
            AvroType.Array => writer is AvroArraySchema writerArray
                ? Resolve(((AvroArraySchema)reader).Items, writerArray.Items, path + "items/")
                : Mismatch(reader, writer, path),
            AvroType.Map => writer is AvroMapSchema writerMap
                ? Resolve(((AvroMapSchema)reader).Values, writerMap.Values, path + "values/")
                : Mismatch(reader, writer, path),
            _ => IsPromotable(writer.Type, reader.Type) || Mismatch(reader, writer, path),
        };
    }

    private bool ResolveRecord(AvroRecordSchema reader, AvroSchema writer, string path)
    {
        if (writer is not AvroRecordSchema writerRecord)
        {
            return Mismatch(reader, writer, path);
        }

        if (!NamesMatch(reader, writerRecord))
        {
            return Fail(path, $"the reader's record '{reader.FullName}' does not match the writer's record '{writerRecord.FullName}' by name or alias");
        }

        if (!_inProgress.Add((reader, writer)))
        {
            return true;
        }

        var ok = true;
        foreach (var field in reader.Fields)
        {
            var writerField = FindWriterField(writerRecord, field);
            if (writerField is null)
            {
                if (field.DefaultValue is null)
                {
                    ok = Fail($"{path}fields/{field.Name}", $"the reader's field '{field.Name}' of '{reader.FullName}' has no default and the writer has no such field");
                }

                continue;
            }

            ok &= Resolve(field.Schema, writerField.Schema, $"{path}fields/{field.Name}/");
        }

        _inProgress.Remove((reader, writer));
        return ok;
    }

    private bool ResolveEnum(AvroEnumSchema reader, AvroSchema writer, string path)
    {
        if (writer is not AvroEnumSchema writerEnum)
        {
            return Mismatch(reader, writer, path);
        }

        if (!NamesMatch(reader, writerEnum))
        {
            return Fail(path, $"the reader's enum '{reader.FullName}' does not match the writer's enum '{writerEnum.FullName}' by name or alias");
        }

        if (reader.DefaultSymbol is not null)
        {
            return true;
        }

        var ok = true;
        foreach (var symbol in writerEnum.Symbols)
        {
            if (!reader.Symbols.Contains(symbol))
            {
                ok = Fail(path, $"the writer's symbol '{symbol}' of enum '{writerEnum.FullName}' is unknown to the reader, which has no default symbol");
            }
        }

        return ok;
    }

    private bool ResolveFixed(AvroFixedSchema reader, AvroSchema writer, string path)
    {
        if (writer is not AvroFixedSchema writerFixed)
        {
            return Mismatch(reader, writer, path);
        }

        if (!NamesMatch(reader, writerFixed))
        {
            return Fail(path, $"the reader's fixed '{reader.FullName}' does not match the writer's fixed '{writerFixed.FullName}' by name or alias");
        }

        return reader.Size == writerFixed.Size
            || Fail(path, $"the reader's fixed '{reader.FullName}' has size {reader.Size}, the writer's {writerFixed.Size}");
    }

    /// <summary>The writer's field the reader's field reads: by name, else by one of the reader field's aliases.</summary>
    private static AvroField? FindWriterField(AvroRecordSchema writer, AvroField readerField)
    {
        foreach (var candidate in writer.Fields)
        {
            if (candidate.Name == readerField.Name)
            {
                return candidate;
            }
        }

        foreach (var alias in readerField.Aliases)
        {
            foreach (var candidate in writer.Fields)
            {
                if (candidate.Name == alias)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Full names equal, or one of the reader's aliases (relative ones in the reader's namespace) names the writer.</summary>
    private static bool NamesMatch(AvroNamedSchema reader, AvroNamedSchema writer)
    {
        if (reader.FullName == writer.FullName)
        {
            return true;
        }

        foreach (var alias in reader.Aliases)
        {
            var fullAlias = alias.Contains('.', StringComparison.Ordinal) || reader.Namespace is null ? alias : reader.Namespace + "." + alias;
            if (fullAlias == writer.FullName)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPromotable(AvroType writer, AvroType reader) => writer == reader || (writer, reader) switch
    {
        (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
        (AvroType.Long, AvroType.Float or AvroType.Double) => true,
        (AvroType.Float, AvroType.Double) => true,
        (AvroType.String, AvroType.Bytes) => true,
        (AvroType.Bytes, AvroType.String) => true,
        _ => false,
    };

    /// <summary>Tries a reader union branch without recording its failure: only the union as a whole can fail.</summary>
    private bool Quietly(AvroSchema reader, AvroSchema writer)
    {
        var before = _problems.Count;
        var ok = Resolve(reader, writer, "/");
        _problems.RemoveRange(before, _problems.Count - before);
        return ok;
    }

    private bool Mismatch(AvroSchema reader, AvroSchema writer, string path) =>
        Fail(path, $"the reader's {Describe(reader)} cannot read the writer's {Describe(writer)}");

    private bool Fail(string path, string problem)
    {
        _problems.Add($"{(path.Length > 1 ? path.TrimEnd('/') : path)}: {problem}");
        return false;
    }

    private static string Describe(AvroSchema schema) => schema switch
    {
        AvroNamedSchema named => $"{AvroTypeName(schema.Type)} '{named.FullName}'",
        AvroUnionSchema union => $"union of {union.Branches.Count}",
        _ => AvroTypeName(schema.Type),
    };

    private static string AvroTypeName(AvroType type) => type.ToString().ToLowerInvariant();
}
