namespace Cdc.Schemas.Typed;

/// <summary>The compiled decision for one class of BSON value at one place of a schema: which branch, how written.</summary>
internal sealed class TypedBranchPlan(int branchIndex, TypedValueEncoding encoding)
{
    /// <summary>The union index to write first, or -1 when the place is not a union.</summary>
    public int BranchIndex { get; } = branchIndex;

    public TypedValueEncoding Encoding { get; } = encoding;

    /// <summary>For <see cref="TypedValueEncoding.Document"/>.</summary>
    public TypedRecordPlan? Record { get; init; }

    /// <summary>For <see cref="TypedValueEncoding.Array"/>.</summary>
    public TypedValuePlan? Items { get; init; }

    /// <summary>For <see cref="TypedValueEncoding.DecimalBytes"/>.</summary>
    public int Precision { get; init; }

    public int Scale { get; init; }
}
