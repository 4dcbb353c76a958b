namespace Cdc.Tests.Shared;

/// <summary>A number point (<see cref="Value"/>) or a histogram point (<see cref="Count"/>, <see cref="Sum"/>, <see cref="Bounds"/>).</summary>
internal sealed record OtlpPoint(IReadOnlyDictionary<string, string> Attributes, double Value, long Count, double Sum, IReadOnlyList<double> Bounds);
