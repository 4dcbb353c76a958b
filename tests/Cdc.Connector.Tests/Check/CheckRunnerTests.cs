using Cdc.Cli.Check;

namespace Cdc.Connector.Tests.Check;

public sealed class CheckRunnerTests
{
    [Fact]
    public void An_unforeseen_exception_fails_its_area_and_the_run_goes_on()
    {
        var report = new CheckReport(TextWriter.Null, json: true, new SecretScrubber(["pw"]));

        CheckRunner.Guarded("kafka", report, _ => throw new InvalidOperationException("the pw went missing"));
        CheckRunner.Guarded("schemaRegistry", report, r => r.Add(CheckResult.Pass("schemaRegistry", "reachable", "ok")));

        Assert.Equal(2, report.Results.Count);
        var failed = report.Results[0];
        Assert.Equal(CheckStatus.Fail, failed.Status);
        Assert.Equal("unexpected error", failed.Name);
        Assert.Equal("InvalidOperationException: the *** went missing", failed.Detail);
        Assert.False(report.Ok);
    }
}
