using System.Text;
using Cdc.Connector.Observability;

namespace Cdc.Connector.Tests.Observability;

public sealed class PrometheusTextAdapterTests
{
    private static string Strip(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Encoding.UTF8.GetString(bytes, 0, PrometheusTextAdapter.StripEmptyLabelSets(bytes));
    }

    [Fact]
    public void An_empty_label_set_after_the_name_is_removed_from_every_sample_line()
    {
        Assert.Equal(
            "# TYPE a gauge\n# HELP a A.\na 1\nb_sum 2.5\nb_count 3\n",
            Strip("# TYPE a gauge\n# HELP a A.\na{} 1\nb_sum{} 2.5\nb_count{} 3\n"));
    }

    [Fact]
    public void Labels_help_text_and_label_values_that_contain_braces_are_left_alone()
    {
        const string Text = "# HELP a Written as a{} in old versions.\na{path=\"{}\"} 1\nb_bucket{le=\"+Inf\"} 2\nc 3";

        Assert.Equal(Text, Strip(Text));
    }

    [Fact]
    public void The_last_line_without_a_line_feed_is_handled_too()
    {
        Assert.Equal("a 1\nb 2", Strip("a{} 1\nb{} 2"));
        Assert.Equal(string.Empty, Strip(string.Empty));
    }
}
