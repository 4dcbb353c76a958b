using System.Text.Json;
using Cdc.Cli.Check;

namespace Cdc.Connector.Tests.Check;

public sealed class CheckReportTests
{
    [Fact]
    public void A_pass_is_one_line_with_area_name_and_detail()
    {
        Assert.Equal("PASS  mongodb: reachable: 127.0.0.1:27017 answered hello in 3 ms",
            CheckReport.FormatLine(CheckResult.Pass("mongodb", "reachable", "127.0.0.1:27017 answered hello in 3 ms")));
    }

    [Fact]
    public void A_failure_carries_its_fix_after_a_dash_and_stays_on_one_line()
    {
        var line = CheckReport.FormatLine(CheckResult.Fail("kafka", "metadata", "no metadata\nfrom 127.0.0.1:9", "check kafka.bootstrapServers"));

        Assert.Equal("FAIL  kafka: metadata: no metadata from 127.0.0.1:9 — fix: check kafka.bootstrapServers", line);
    }

    [Fact]
    public void A_warning_without_a_fix_and_a_result_without_a_name_are_formatted_plainly()
    {
        Assert.Equal("WARN  kafka: topic: unknown", CheckReport.FormatLine(CheckResult.Warn("kafka", "topic", "unknown", null)));
        Assert.Equal("FAIL  configuration: 'mongodb.uri' is required — fix: correct it",
            CheckReport.FormatLine(CheckResult.Fail("configuration", string.Empty, "'mongodb.uri' is required", "correct it")));
    }

    [Fact]
    public void Text_mode_writes_each_line_as_it_is_added_and_nothing_at_completion()
    {
        using var output = new StringWriter();
        var report = new CheckReport(output, json: false, new SecretScrubber([]));

        report.Add(CheckResult.Pass("mongodb", "reachable", "ok"));
        var afterFirst = output.ToString();
        report.Add(CheckResult.Warn("kafka", "topic", "missing", "create it"));
        report.Complete();

        Assert.Equal("PASS  mongodb: reachable: ok" + Environment.NewLine, afterFirst);
        Assert.Equal(afterFirst + "WARN  kafka: topic: missing — fix: create it" + Environment.NewLine, output.ToString());
        Assert.True(report.Ok);
    }

    [Fact]
    public void Json_mode_writes_one_object_with_every_check_and_ok_false_after_a_failure()
    {
        using var output = new StringWriter();
        var report = new CheckReport(output, json: true, new SecretScrubber([]));
        report.Add(CheckResult.Pass("mongodb", "reachable", "it's up"));
        report.Add(CheckResult.Fail("schemaRegistry", "reachable", "no answer", "check schemaRegistry.url"));
        Assert.Empty(output.ToString());

        report.Complete();

        var text = output.ToString();
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(2, checks.Count);
        Assert.Equal("mongodb", checks[0].GetProperty("area").GetString());
        Assert.Equal("reachable", checks[0].GetProperty("name").GetString());
        Assert.Equal("PASS", checks[0].GetProperty("status").GetString());
        Assert.Equal("it's up", checks[0].GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, checks[0].GetProperty("fix").ValueKind);
        Assert.Equal("FAIL", checks[1].GetProperty("status").GetString());
        Assert.Equal("check schemaRegistry.url", checks[1].GetProperty("fix").GetString());
        Assert.Contains("it's up", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_keep_the_report_ok()
    {
        var report = new CheckReport(TextWriter.Null, json: true, new SecretScrubber([]));
        report.Add(CheckResult.Warn("kafka", "topic", "missing", "create it"));

        Assert.True(report.Ok);
    }

    [Fact]
    public void Secrets_are_masked_in_details_and_fixes_before_anything_is_printed_or_kept()
    {
        using var output = new StringWriter();
        var report = new CheckReport(output, json: false, new SecretScrubber(["hunter2"]));

        report.Add(CheckResult.Fail("schemaRegistry", "credentials", "refused me:hunter2", "try another than hunter2"));

        Assert.DoesNotContain("hunter2", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("refused me:***", report.Results[0].Detail);
        Assert.Equal("try another than ***", report.Results[0].Fix);
    }
}
