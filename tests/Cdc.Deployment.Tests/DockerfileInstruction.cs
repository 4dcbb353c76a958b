namespace Cdc.Deployment.Tests;

/// <summary>One Dockerfile instruction after line continuations are joined: <c>RUN a \ b</c> is one instruction.</summary>
internal sealed record DockerfileInstruction(string Keyword, string Arguments, int Line)
{
    public bool Is(string keyword) => string.Equals(Keyword, keyword, StringComparison.OrdinalIgnoreCase);
}
