namespace Cdc.Schemas.Avro;

/// <summary>
/// A record, enum or fixed: a type with a full name. A name containing dots is itself the full
/// name and the namespace argument is ignored, as the specification says; an empty namespace is
/// the null namespace. Names are validated here so that an invalid schema cannot even be built.
/// </summary>
internal abstract class AvroNamedSchema : AvroSchema
{
    protected AvroNamedSchema(AvroType type, string name, string? @namespace, string? doc)
        : base(type)
    {
        var lastDot = name.LastIndexOf('.');
        if (lastDot >= 0)
        {
            @namespace = name[..lastDot];
            name = name[(lastDot + 1)..];
        }

        if (!AvroNames.IsValidName(name))
        {
            throw new AvroException($"Invalid Avro {KindName(type)} name '{name}': a name must match [A-Za-z_][A-Za-z0-9_]*.");
        }

        if (string.IsNullOrEmpty(@namespace))
        {
            @namespace = null;
        }
        else if (!AvroNames.IsValidNamespace(@namespace))
        {
            throw new AvroException($"Invalid Avro namespace '{@namespace}' of {KindName(type)} '{name}': a namespace is dot-separated names, each matching [A-Za-z_][A-Za-z0-9_]*.");
        }

        Name = name;
        Namespace = @namespace;
        FullName = @namespace is null ? name : @namespace + "." + name;
        Doc = doc;
    }

    public string Name { get; }

    public string? Namespace { get; }

    public string FullName { get; }

    public string? Doc { get; }

    /// <summary>Alternative names (the <c>aliases</c> attribute), as written.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    internal static string KindName(AvroType type) => type switch
    {
        AvroType.Record => "record",
        AvroType.Enum => "enum",
        AvroType.Fixed => "fixed",
        _ => type.ToString().ToLowerInvariant(),
    };
}
