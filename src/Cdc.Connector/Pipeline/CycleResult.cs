using Cdc.Connector.Source;

namespace Cdc.Connector.Pipeline;

/// <summary>How a cycle ended and where it left the committed position.</summary>
internal sealed record CycleResult(CycleEnd End, Exception? Failure, ResumePosition? LastCommitted, ResumePosition? UnsavedStart, TimeSpan Duration);
