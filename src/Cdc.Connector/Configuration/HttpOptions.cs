namespace Cdc.Connector.Configuration;

internal sealed class HttpOptions
{
    public int Port { get; set; } = 8080;
}
