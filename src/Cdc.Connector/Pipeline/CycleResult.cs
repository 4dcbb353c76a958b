using Cdc.Connector.Source;

namespace Cdc.Connector.Pipeline;

/// <summary>How a cycle ended and where it left the committed offset.</summary>
internal sealed record CycleResult(CycleEnd End, Exception? Failure, SourceOffset? LastCommitted, SourceOffset? UnsavedStart, TimeSpan Duration);
