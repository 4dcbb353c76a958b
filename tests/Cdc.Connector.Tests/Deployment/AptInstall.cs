namespace Cdc.Connector.Tests.Deployment;

/// <summary>The packages and options of the <c>apt-get install</c> inside one RUN instruction.</summary>
internal sealed record AptInstall(IReadOnlyList<string> Packages, IReadOnlyList<string> Options, string Run)
{
    /// <summary>Null when the instruction runs no <c>apt-get install</c>.</summary>
    public static AptInstall? From(DockerfileInstruction run)
    {
        foreach (var command in run.Arguments.Split(["&&", ";"], StringSplitOptions.TrimEntries))
        {
            var words = command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || words[0] != "apt-get" || !words.Contains("install"))
            {
                continue;
            }

            var afterInstall = words.SkipWhile(w => w != "install").Skip(1).ToArray();
            return new AptInstall(
                afterInstall.Where(w => !w.StartsWith('-')).ToArray(),
                words.Where(w => w.StartsWith('-')).ToArray(),
                run.Arguments);
        }

        return null;
    }
}
