namespace Cdc.Schemas.Bson;

/// <summary>Bounds shared by everything that walks BSON or Extended JSON recursively.</summary>
internal static class BsonLimits
{
    /// <summary>
    /// Deepest nesting of documents/arrays accepted. MongoDB itself stores at most 100 levels; anything far beyond
    /// that is hostile or corrupt input, and rejecting it keeps recursion well clear of a stack overflow.
    /// </summary>
    public const int MaxNestingDepth = 200;
}
