using System.Diagnostics.Metrics;
using System.Text;

namespace Cdc.Connector.Observability;

/// <summary>
/// Serves one <see cref="Meter"/>'s instruments in Prometheus's text format. A <see cref="MeterListener"/> receives the
/// synchronous instruments' measurements as they happen (aggregated in place) and asks the observable ones for their
/// values at each scrape. Families appear in the order their instruments were created.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>Used when a histogram gives no bucket advice: 1 ms to 60 s.</summary>
    private static readonly double[] DefaultBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Meter _meter;
    private readonly MeterListener _listener;
    private readonly List<MetricFamily> _families = [];
    private readonly Lock _scrape = new();

    public PrometheusExporter(Meter meter)
    {
        _meter = meter;
        _listener = new MeterListener { InstrumentPublished = Publish };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Collects the observable instruments and writes every family.</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            MetricFamily[] families;
            lock (_families)
            {
                families = [.. _families];
            }

            foreach (var family in families)
            {
                family.BeginCollect();
            }

            _listener.RecordObservableInstruments();
            var output = new StringBuilder(8 * 1024);
            foreach (var family in families)
            {
                family.WriteTo(output);
            }

            return output.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static MetricFamily? Create(Instrument instrument)
    {
        var help = instrument.Description ?? instrument.Name;
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var kind = type.GetGenericTypeDefinition();
        if (kind == typeof(ObservableCounter<>))
        {
            return new ObservedFamily(PrometheusNames.For(instrument, isCounter: true), help, "counter");
        }

        if (kind == typeof(ObservableGauge<>) || kind == typeof(ObservableUpDownCounter<>))
        {
            return new ObservedFamily(PrometheusNames.For(instrument, isCounter: false), help, "gauge");
        }

        if (kind == typeof(Counter<>))
        {
            return new SumFamily(PrometheusNames.For(instrument, isCounter: true), help, "counter");
        }

        if (kind == typeof(UpDownCounter<>))
        {
            return new SumFamily(PrometheusNames.For(instrument, isCounter: false), help, "gauge");
        }

        if (instrument is Histogram<double> histogram)
        {
            var bounds = histogram.Advice?.HistogramBucketBoundaries ?? DefaultBuckets;
            return new HistogramFamily(PrometheusNames.For(instrument, isCounter: false), help, bounds);
        }

        if (instrument is Histogram<long> longHistogram)
        {
            IReadOnlyList<double> bounds = longHistogram.Advice?.HistogramBucketBoundaries is { } longBounds
                ? [.. longBounds.Select(static b => (double)b)]
                : DefaultBuckets;
            return new HistogramFamily(PrometheusNames.For(instrument, isCounter: false), help, bounds);
        }

        return null;
    }

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter, _meter) || Create(instrument) is not { } family)
        {
            return;
        }

        lock (_families)
        {
            _families.Add(family);
        }

        listener.EnableMeasurementEvents(instrument, family);
    }
}
