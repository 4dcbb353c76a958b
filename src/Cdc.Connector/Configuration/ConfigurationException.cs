namespace Cdc.Connector.Configuration;

/// <summary>A configuration problem; the message names the offending key (e.g. "mapping.json").</summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
