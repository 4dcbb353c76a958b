namespace Cdc.Integration.Tests;

/// <summary>The backend the integration tests use and why, in words a skipped test can report.</summary>
internal sealed record ItBackendChoice(ItBackend Backend, string Reason);
