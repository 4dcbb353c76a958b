namespace Cdc.Schemas.Mapping;

/// <summary>A slice of the mapper's scratch buffer holding one rendered Extended JSON text; <see cref="None"/> when the field is absent.</summary>
internal readonly record struct TextRange(int Start, int Length)
{
    public static TextRange None { get; } = new(-1, 0);

    public bool IsPresent => Start >= 0;
}
