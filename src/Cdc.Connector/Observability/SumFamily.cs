using System.Text;

namespace Cdc.Connector.Observability;

/// <summary>A synchronous counter or up-down counter: the running sum per label set since the exporter started.</summary>
internal sealed class SumFamily : MetricFamily
{
    private readonly Dictionary<string, double> _sums = new(StringComparer.Ordinal);

    public SumFamily(string name, string help, string type)
        : base(name, help, type)
    {
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusText.Labels(tags);
        lock (_sums)
        {
            _sums[labels] = _sums.GetValueOrDefault(labels) + value;
        }
    }

    protected override bool WriteSamples(StringBuilder output)
    {
        lock (_sums)
        {
            foreach (var (labels, value) in _sums)
            {
                PrometheusText.AppendSample(output, Name, labels, value);
            }

            return _sums.Count > 0;
        }
    }
}
