using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Tests.Mapping;

/// <summary>A mapped event with copies of the key and value bytes the mapper wrote.</summary>
internal sealed record MappedOutput(MappedEvent Event, byte[] Key, byte[] Value);
