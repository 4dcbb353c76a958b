namespace Cdc.Connector.Observability;

/// <summary>
/// The Schema Registry has failed every call for <see cref="Subject"/> since <see cref="SinceTimestamp"/> (a
/// <see cref="TimeProvider"/> timestamp): <see cref="Attempts"/> calls so far, the last one with <see cref="Problem"/>.
/// Reading stays paused until the registry answers.
/// </summary>
internal sealed record RegistryOutage(string Subject, int Attempts, string Problem, long SinceTimestamp);
