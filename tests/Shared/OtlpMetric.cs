namespace Cdc.Tests.Shared;

/// <summary>One metric of an <see cref="OtlpExport"/>: its scope, name, unit, kind (gauge, sum or histogram) and points.</summary>
internal sealed record OtlpMetric(string Scope, string ScopeVersion, string Name, string Unit, string Kind, bool Monotonic, IReadOnlyList<OtlpPoint> Points)
{
    public OtlpPoint Point(string attribute, string value) => Points.Single(point => point.Attributes.GetValueOrDefault(attribute) == value);
}
