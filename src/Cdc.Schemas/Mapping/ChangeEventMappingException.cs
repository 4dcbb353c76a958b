namespace Cdc.Schemas.Mapping;

/// <summary>A change event that cannot be mapped to the envelope. <see cref="Field"/> names the offending event field.</summary>
internal sealed class ChangeEventMappingException : Exception
{
    public ChangeEventMappingException(string field, string problem)
        : base(Format(field, problem))
    {
        Field = field;
        Problem = problem;
    }

    public ChangeEventMappingException(string field, string problem, Exception inner)
        : base(Format(field, problem), inner)
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The dotted path of the field at fault (e.g. <c>updateDescription.truncatedArrays</c>), or <c>(event)</c> for the whole event.</summary>
    public string Field { get; }

    public string Problem { get; }

    private static string Format(string field, string problem) => $"Unmappable change event: {field}: {problem}";
}
