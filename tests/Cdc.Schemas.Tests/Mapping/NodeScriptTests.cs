using Cdc.Tests.Shared;

namespace Cdc.Schemas.Tests.Mapping;

/// <summary>The helper the avsc tests rely on fails loudly rather than hanging or passing silently.</summary>
public sealed class NodeScriptTests
{
    [Fact]
    public void A_failing_script_fails_the_call_with_its_stderr()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            NodeScript.Run("decode-avro.mjs", "this is not json\n", TimeSpan.FromSeconds(30)));
        Assert.Contains("exited with", error.Message, StringComparison.Ordinal);
        Assert.Contains("SyntaxError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_that_overruns_its_time_limit_is_killed()
    {
        // The script never ends by itself: that Run returned at all shows it was killed at its limit.
        var error = Assert.Throws<TimeoutException>(() => NodeScript.Run("wait-forever.mjs", string.Empty, TimeSpan.FromSeconds(2)));
        Assert.Contains("was killed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_script_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => NodeScript.Run("no-such-script.mjs", string.Empty, TimeSpan.FromSeconds(5)));
        Assert.Contains("no-such-script.mjs", error.Message, StringComparison.Ordinal);
    }
}
