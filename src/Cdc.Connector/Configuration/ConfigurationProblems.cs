namespace Cdc.Connector.Configuration;

/// <summary>Collects every problem of a load so the user fixes them in one round instead of one per run.</summary>
internal sealed class ConfigurationProblems
{
    private readonly List<string> _problems = [];

    public int Count => _problems.Count;

    public void Add(string problem) => _problems.Add(problem);

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new ConfigurationException(_problems.ToArray());
        }
    }
}
