namespace Cdc.Integration.Tests;

/// <summary>The bound on the Docker probe: a probe that hangs or throws means no containers, never a hung or broken test run.</summary>
public sealed class DockerProbeTests
{
    [Fact]
    public void A_probe_that_answers_in_time_is_taken_as_it_answers()
    {
        var answer = DockerProbeResult.At("tcp://docker.example:2375/");

        Assert.Same(answer, DockerProbe.Bounded(() => answer, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_probe_that_does_not_answer_within_the_limit_counts_as_no_Docker_engine_and_says_so()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var result = DockerProbe.Bounded(
                () =>
                {
                    release.Task.Wait();
                    return DockerProbeResult.At("unix:///never.sock");
                },
                TimeSpan.FromMilliseconds(50));

            Assert.Equal(DockerProbeResult.None("the Docker probe did not answer within 0.05 s"), result);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public void A_probe_that_throws_counts_as_no_Docker_engine_with_its_message()
    {
        var result = DockerProbe.Bounded(() => throw new IOException("Connection refused /var/run/docker.sock"), TimeSpan.FromSeconds(30));

        Assert.Equal(DockerProbeResult.None("the Docker probe failed: Connection refused /var/run/docker.sock"), result);
    }
}
