namespace Cdc.Deployment.Tests;

/// <summary>A build stage: its FROM (base image with ARG defaults substituted, optional name) and its instructions.</summary>
internal sealed record DockerfileStage(string BaseImage, string? Name, IReadOnlyList<DockerfileInstruction> Instructions)
{
    public IEnumerable<DockerfileInstruction> All(string keyword) => Instructions.Where(i => i.Is(keyword));

    public int IndexOf(Func<DockerfileInstruction, bool> predicate)
    {
        for (var i = 0; i < Instructions.Count; i++)
        {
            if (predicate(Instructions[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
