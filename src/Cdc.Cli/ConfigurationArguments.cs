namespace Cdc.Cli;

/// <summary>
/// What <c>--config FILE</c> and <c>--set key=value</c> add up to on a command line that takes them (`check`,
/// `snapshot`, `tail`): the file, the last one given, and every setting in order, as the configuration loader takes them.
/// </summary>
internal sealed class ConfigurationArguments
{
    private readonly List<string> _sets = [];

    public string? ConfigPath { get; private set; }

    public IReadOnlyList<string> SetArguments => _sets;

    /// <summary>Takes <paramref name="value"/> when <paramref name="name"/> is --config or --set; false for any other option.</summary>
    public bool Take(string name, string value)
    {
        switch (name)
        {
            case "--config":
                ConfigPath = value;
                return true;
            case "--set":
                _sets.Add(value);
                return true;
            default:
                return false;
        }
    }
}
