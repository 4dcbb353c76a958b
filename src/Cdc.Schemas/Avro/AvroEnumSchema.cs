namespace Cdc.Schemas.Avro;

/// <summary>A named enum: symbols must be valid names and unique; the optional default must be one of them.</summary>
internal sealed class AvroEnumSchema : AvroNamedSchema
{
    public AvroEnumSchema(string name, string? @namespace, IReadOnlyList<string> symbols, string? doc = null, string? defaultSymbol = null)
        : base(AvroType.Enum, name, @namespace, doc)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            if (!AvroNames.IsValidName(symbol))
            {
                throw new AvroException($"Invalid symbol '{symbol}' in enum '{FullName}': a symbol must match [A-Za-z_][A-Za-z0-9_]*.");
            }

            if (!seen.Add(symbol))
            {
                throw new AvroException($"Duplicate symbol '{symbol}' in enum '{FullName}'.");
            }
        }

        if (defaultSymbol is not null && !seen.Contains(defaultSymbol))
        {
            throw new AvroException($"The default '{defaultSymbol}' of enum '{FullName}' is not one of its symbols.");
        }

        Symbols = symbols;
        DefaultSymbol = defaultSymbol;
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses for a writer's symbol it does not know (the enum's <c>default</c> attribute).</summary>
    public string? DefaultSymbol { get; }

    public override string ToJson() => AvroSchemaJsonWriter.Write(this, canonical: false);

    public override string ToCanonicalForm() => AvroSchemaJsonWriter.Write(this, canonical: true);
}
