namespace Cdc.Schemas.Mapping;

/// <summary>
/// The envelope's document bodies that may be replaced by an <see cref="OmittedBodyMarker"/> when the record is too large
/// for Kafka (mapping.oversize=reference). Flags, so one value says which of them a mapping replaces.
/// </summary>
[Flags]
internal enum OmittedBodies
{
    None = 0,
    FullDocument = 1 << 0,
    FullDocumentBeforeChange = 1 << 1,
    UpdatedFields = 1 << 2,
    OperationDescription = 1 << 3,
}
