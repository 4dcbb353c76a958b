using System.Text;

namespace Cdc.Connector.Observability;

/// <summary>An observable counter or gauge: the values its callback reported at the current collection.</summary>
internal sealed class ObservedFamily : MetricFamily
{
    private readonly List<(string Labels, double Value)> _samples = [];

    public ObservedFamily(string name, string help, string type)
        : base(name, help, type)
    {
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusText.Labels(tags);
        lock (_samples)
        {
            _samples.Add((labels, value));
        }
    }

    public override void BeginCollect()
    {
        lock (_samples)
        {
            _samples.Clear();
        }
    }

    protected override bool WriteSamples(StringBuilder output)
    {
        lock (_samples)
        {
            foreach (var (labels, value) in _samples)
            {
                PrometheusText.AppendSample(output, Name, labels, value);
            }

            return _samples.Count > 0;
        }
    }
}
