using System.Globalization;
using System.Text;

namespace Cdc.Connector.Observability;

/// <summary>
/// The pieces of Prometheus's text exposition format (version 0.0.4): names, escaping, numbers and label sets.
/// Label sets are kept as their inner text (<c>a="x",b="y"</c>, no braces) so a histogram can append <c>le</c>.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>A metric or label name: every character outside [A-Za-z0-9_] becomes '_', and a leading digit gets a '_' before it.</summary>
    public static string SanitizeName(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary># HELP text: backslash and line feed escaped.</summary>
    public static void AppendHelp(StringBuilder output, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }

    /// <summary>A label value: backslash, double quote and line feed escaped.</summary>
    public static void AppendLabelValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '"' => output.Append("\\\""),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }

    public static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The inner text of a label set from a measurement's tags; empty for none.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var (key, value) in tags)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(SanitizeName(key)).Append("=\"");
            AppendLabelValue(builder, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
            builder.Append('"');
        }

        return builder.ToString();
    }

    /// <summary>One sample line: <c>name{labels} value</c>.</summary>
    public static void AppendSample(StringBuilder output, string name, string labels, double value)
    {
        output.Append(name);
        if (labels.Length > 0)
        {
            output.Append('{').Append(labels).Append('}');
        }

        output.Append(' ').Append(FormatValue(value)).Append('\n');
    }
}
