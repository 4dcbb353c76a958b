using System.Text.Json.Nodes;

namespace Cdc.Connector.Configuration;

internal sealed class MongoDbOptions
{
    public string? Uri { get; set; }

    /// <summary>cluster | database | collection.</summary>
    public string Scope { get; set; } = "cluster";

    public string? Database { get; set; }

    public string? Collection { get; set; }

    public JsonArray Pipeline { get; set; } = [];

    public string FullDocument { get; set; } = "default";

    public string FullDocumentBeforeChange { get; set; } = "off";

    /// <summary>latest | timestamp:&lt;seconds&gt;.</summary>
    public string StartAt { get; set; } = "latest";

    public int BatchSize { get; set; }

    public int MaxAwaitTimeMs { get; set; } = 1000;
}
