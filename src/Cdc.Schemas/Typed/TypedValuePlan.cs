namespace Cdc.Schemas.Typed;

/// <summary>
/// One place of a schema that holds a value (a field, or an array's items): for each <see cref="BsonValueClass"/>
/// the branch that takes it, or null when such a value does not fit, and what a null becomes.
/// </summary>
internal sealed class TypedValuePlan(string path, int nullBranch, TypedBranchPlan?[] byClass)
{
    /// <summary><see cref="NullBranch"/>: a null does not fit.</summary>
    public const int NullNotAccepted = -2;

    /// <summary><see cref="NullBranch"/>: the place is the plain "null" type, so a null writes nothing.</summary>
    public const int NullWithoutIndex = -1;

    /// <summary>The document's field path (<c>a.b</c>, <c>a[]</c> for items), for "does not fit" results.</summary>
    public string Path { get; } = path;

    /// <summary>The union index of the null branch, or <see cref="NullWithoutIndex"/> or <see cref="NullNotAccepted"/>.</summary>
    public int NullBranch { get; } = nullBranch;

    /// <summary>Indexed by <see cref="BsonValueClass"/>.</summary>
    public TypedBranchPlan?[] ByClass { get; } = byClass;
}
