namespace Cdc.Schemas.Typed;

/// <summary>A record's document fields in schema order, and the table that finds one by its UTF-8 document name.</summary>
internal sealed class TypedRecordPlan
{
    public TypedRecordPlan(string path, TypedFieldPlan[] fields)
    {
        Path = path;
        Fields = fields;
        var names = new byte[fields.Length][];
        for (var i = 0; i < fields.Length; i++)
        {
            names[i] = fields[i].Utf8Name;
        }

        Lookup = new Utf8NameTable(names);
    }

    /// <summary>The record's field path in the document; empty for the top level.</summary>
    public string Path { get; }

    public TypedFieldPlan[] Fields { get; }

    public Utf8NameTable Lookup { get; }
}
