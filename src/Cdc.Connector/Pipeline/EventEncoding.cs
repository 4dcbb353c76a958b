using Cdc.Connector.Sink;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// What turns a change event into framed Kafka records: the mapper, the schema ids of each topic, the reused key and
/// value buffers, and for typed values (mapping.value=document) their encoder. Made once per pipeline and handed to
/// every cycle, so nothing is rebuilt or re-registered on a restart.
/// </summary>
internal sealed record EventEncoding(ChangeEventMapper Mapper, SchemaIdCache SchemaIds, PipelineBuffers Buffers, TypedValueEncoder? Typed = null);
