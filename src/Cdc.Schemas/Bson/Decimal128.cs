namespace Cdc.Schemas.Bson;

/// <summary>
/// IEEE 754-2008 decimal128 in the BID encoding BSON uses. <see cref="ToString"/> gives the string form of the
/// BSON decimal128 specification (as Extended JSON's $numberDecimal); <see cref="Parse"/> reads it.
/// STUB: signatures are the contract.
/// </summary>
internal readonly record struct Decimal128(ulong Low, ulong High)
{
    public static Decimal128 Parse(string text) => throw new NotImplementedException(text);

    public override string ToString() => throw new NotImplementedException();
}
