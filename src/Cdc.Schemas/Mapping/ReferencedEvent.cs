namespace Cdc.Schemas.Mapping;

/// <summary>
/// An event mapped with its largest document bodies replaced by <see cref="OmittedBodyMarker"/>s
/// (<see cref="ChangeEventMapper.MapReferencing"/>). <see cref="Key"/> and <see cref="Value"/> are the unframed Avro
/// payloads of the last mapping tried (<see cref="Key"/> null when the event has no key record); <see cref="Fits"/> says
/// whether that mapping fits the caller's limit, which is false only when every body was replaced and it still does not.
/// </summary>
internal sealed record ReferencedEvent(MappedEvent Mapped, byte[]? Key, byte[] Value, IReadOnlyList<string> OmittedPaths, bool Fits)
{
    /// <summary>The omitted paths in the order they were replaced (the largest first), comma-separated: the cdc.omitted header.</summary>
    public string OmittedHeader => string.Join(',', OmittedPaths);
}
