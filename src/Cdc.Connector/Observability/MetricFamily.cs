using System.Text;

namespace Cdc.Connector.Observability;

/// <summary>One instrument as a Prometheus metric family: its name, help and type, and how it keeps its samples.</summary>
internal abstract class MetricFamily
{
    protected MetricFamily(string name, string help, string type)
    {
        Name = name;
        Help = help;
        Type = type;
    }

    public string Name { get; }

    public string Help { get; }

    /// <summary>counter, gauge or histogram.</summary>
    public string Type { get; }

    /// <summary>A measurement: from the instrument's owner (synchronous instruments) or from a collection (observable ones).</summary>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Before observable instruments are asked for their values: forget the previous collection's.</summary>
    public virtual void BeginCollect()
    {
    }

    /// <summary>Appends # HELP, # TYPE and the samples; nothing at all when there is no sample to show.</summary>
    public void WriteTo(StringBuilder output)
    {
        var start = output.Length;
        output.Append("# HELP ").Append(Name).Append(' ');
        PrometheusText.AppendHelp(output, Help);
        output.Append('\n').Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
        if (!WriteSamples(output))
        {
            output.Length = start;
        }
    }

    /// <summary>Appends the sample lines; false when there were none.</summary>
    protected abstract bool WriteSamples(StringBuilder output);
}
