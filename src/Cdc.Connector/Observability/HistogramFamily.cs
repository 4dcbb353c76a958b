using System.Globalization;
using System.Text;

namespace Cdc.Connector.Observability;

/// <summary>
/// A histogram as Prometheus wants it: cumulative <c>_bucket{le="…"}</c> lines ending with <c>le="+Inf"</c>, then
/// <c>_sum</c> and <c>_count</c>. The series without tags is kept apart so the common case records without a lookup.
/// </summary>
internal sealed class HistogramFamily : MetricFamily
{
    private readonly double[] _bounds;
    private readonly string[] _boundTexts;
    private readonly HistogramCells _untagged;
    private readonly Dictionary<string, HistogramCells> _tagged = new(StringComparer.Ordinal);
    private volatile bool _untaggedSeen;

    public HistogramFamily(string name, string help, IReadOnlyList<double> bounds)
        : base(name, help, "histogram")
    {
        _bounds = [.. bounds];
        Array.Sort(_bounds);
        _boundTexts = new string[_bounds.Length];
        for (var i = 0; i < _bounds.Length; i++)
        {
            _boundTexts[i] = PrometheusText.FormatValue(_bounds[i]);
        }

        _untagged = new HistogramCells(_bounds);
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            _untagged.Record(value);
            _untaggedSeen = true;
            return;
        }

        var labels = PrometheusText.Labels(tags);
        HistogramCells? cells;
        lock (_tagged)
        {
            if (!_tagged.TryGetValue(labels, out cells))
            {
                cells = new HistogramCells(_bounds);
                _tagged.Add(labels, cells);
            }
        }

        cells.Record(value);
    }

    protected override bool WriteSamples(StringBuilder output)
    {
        // An instrument nobody recorded into yet still shows its empty series: a histogram_quantile over it is then
        // "no data" rather than a missing metric, and dashboards can tell "idle" from "not exported".
        lock (_tagged)
        {
            if (_untaggedSeen || _tagged.Count == 0)
            {
                WriteSeries(output, string.Empty, _untagged);
            }

            foreach (var (labels, cells) in _tagged)
            {
                WriteSeries(output, labels, cells);
            }
        }

        return true;
    }

    private void WriteSeries(StringBuilder output, string labels, HistogramCells cells)
    {
        var prefix = labels.Length == 0 ? string.Empty : labels + ",";
        long cumulative = 0;
        for (var i = 0; i < cells.BucketCount; i++)
        {
            cumulative += cells.CountAt(i);
            var le = i < _boundTexts.Length ? _boundTexts[i] : "+Inf";
            output.Append(Name).Append("_bucket{").Append(prefix).Append("le=\"").Append(le).Append("\"} ")
                .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        // _count is the +Inf bucket read above, so the two always agree even while deliveries are being recorded.
        PrometheusText.AppendSample(output, Name + "_sum", labels, cells.Sum);
        PrometheusText.AppendSample(output, Name + "_count", labels, cumulative);
    }
}
