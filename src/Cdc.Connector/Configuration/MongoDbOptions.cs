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

    /// <summary>Only these namespaces ("db" or "db.coll"); empty means all. Compiled into a server-side $match.</summary>
    public IReadOnlyList<string> IncludeNamespaces { get; set; } = [];

    /// <summary>Never these namespaces ("db" or "db.coll"), applied after <see cref="IncludeNamespaces"/>.</summary>
    public IReadOnlyList<string> ExcludeNamespaces { get; set; } = [];

    public bool ShowExpandedEvents { get; set; }

    /// <summary>fail | restartFromNow: what to do when the resume token is gone from the oplog (286) or rejected (260, 280).</summary>
    public string OnHistoryLost { get; set; } = "fail";

    /// <summary>reopen | stop: after an invalidate event (collection dropped or renamed, database dropped).</summary>
    public string OnInvalidate { get; set; } = "reopen";
}
