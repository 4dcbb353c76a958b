namespace Cdc.Schemas.Typed;

/// <summary>Where a typed value schema came from, which decides how strictly it is read.</summary>
internal enum TypedSchemaOrigin
{
    /// <summary>Inferred by <see cref="TypedSchemaBuilder"/> (or read back from the registry): only the type table, every field nullable.</summary>
    Inferred,

    /// <summary>
    /// A user's <c>.avsc</c> (or one derived from a validator) with <c>__cdc</c> added: also non-union fields, defaults,
    /// <c>decimal(p,s)</c> bytes for decimal128 and <c>long</c> for int32.
    /// </summary>
    Declared,
}
