using Cdc.Schemas.Typed;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// What a typed value is written from (docs/typed-values.md): the document (the post-image, or a snapshot row; empty
/// for a delete, a DDL event, or an update that arrived without one) and the <c>__cdc</c> metadata. Spans into the event.
/// </summary>
internal readonly ref struct TypedEventParts
{
    public ReadOnlySpan<byte> Document { get; init; }

    /// <summary>Where <see cref="Document"/> starts in the event, so an error found in it can name the event offset.</summary>
    public int DocumentOffset { get; init; }

    public CdcMetadata Metadata { get; init; }
}
