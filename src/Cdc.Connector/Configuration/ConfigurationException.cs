namespace Cdc.Connector.Configuration;

/// <summary>
/// One or more configuration problems; each names the offending key (e.g. "mapping.json") and never contains a
/// secret value. <see cref="Problems"/> keeps them apart so a command can print one line per problem.
/// </summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public ConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [message];
    }

    public ConfigurationException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
