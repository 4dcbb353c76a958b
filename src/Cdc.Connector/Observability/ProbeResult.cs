namespace Cdc.Connector.Observability;

/// <summary>The answer of /healthz or /readyz: whether it passes (200, else 503), and the body saying why.</summary>
internal readonly record struct ProbeResult(bool Passed, string Body, string ContentType);
