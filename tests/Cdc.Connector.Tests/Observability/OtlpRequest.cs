using Cdc.Tests.Shared;

namespace Cdc.Connector.Tests.Observability;

/// <summary>One request an <see cref="OtlpReceiver"/> got, with its body decoded.</summary>
internal sealed record OtlpRequest(string Method, string Path, string Protocol, string? ContentType, OtlpExport Export)
{
    public string Describe() => $"{Method} {Path} {Protocol} {ContentType}: {string.Join(", ", Export.Metrics.Select(metric => metric.Name))}";
}
