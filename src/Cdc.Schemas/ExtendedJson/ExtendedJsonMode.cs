namespace Cdc.Schemas.ExtendedJson;

/// <summary>MongoDB Extended JSON v2 output modes.</summary>
internal enum ExtendedJsonMode
{
    Relaxed,
    Canonical,
}
