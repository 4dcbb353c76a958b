using System.Text.Json.Nodes;
using MongoDB.Driver;

namespace Cdc.Connector.Configuration;

internal sealed class MongoDbOptions
{
    public string? Uri { get; set; }

    public WatchScope Scope { get; set; } = WatchScope.Cluster;

    public string? Database { get; set; }

    public string? Collection { get; set; }

    public JsonArray Pipeline { get; set; } = [];

    public ChangeStreamFullDocumentOption FullDocument { get; set; } = ChangeStreamFullDocumentOption.Default;

    public ChangeStreamFullDocumentBeforeChangeOption FullDocumentBeforeChange { get; set; } = ChangeStreamFullDocumentBeforeChangeOption.Default;

    /// <summary>latest | timestamp:&lt;seconds&gt; | resumeAfter:&lt;token&gt; | startAfter:&lt;token&gt; (see <see cref="ConfiguredStart"/>).</summary>
    public string StartAt { get; set; } = "latest";

    public int BatchSize { get; set; }

    public int MaxAwaitTimeMs { get; set; } = 1000;

    /// <summary>Only these namespaces ("db" or "db.coll"); empty means all. Compiled into a server-side $match.</summary>
    public IReadOnlyList<string> IncludeNamespaces { get; set; } = [];

    /// <summary>Never these namespaces ("db" or "db.coll"), applied after <see cref="IncludeNamespaces"/>.</summary>
    public IReadOnlyList<string> ExcludeNamespaces { get; set; } = [];

    /// <summary>Also deliver DDL events (create, createIndexes, dropIndexes, modify, shardCollection…); MongoDB 6.0+.</summary>
    public bool ShowExpandedEvents { get; set; }

    /// <summary>The change stream aggregate's collation (how the pipeline's string comparisons behave); null for the server's default.</summary>
    public JsonObject? Collation { get; set; }

    /// <summary>A comment attached to the aggregate and its getMores: shows in the server's logs, currentOp and profiler.</summary>
    public string? Comment { get; set; }

    /// <summary>fail | restartFromNow: what to do when the resume token is gone from the oplog (286) or rejected (260, 280).</summary>
    public HistoryLostAction OnHistoryLost { get; set; } = HistoryLostAction.Fail;

    /// <summary>reopen | stop: after an invalidate event (collection dropped or renamed, database dropped).</summary>
    public InvalidateAction OnInvalidate { get; set; } = InvalidateAction.Reopen;

    /// <summary>auto | off: end the stream with $changeStreamSplitLargeEvent where the server supports it, and reassemble its fragments.</summary>
    public SplitLargeEventsMode SplitLargeEvents { get; set; } = SplitLargeEventsMode.Auto;

    /// <summary>PEM file of the certificate authorities the server's certificate must chain to (instead of the system's); implies TLS.</summary>
    public string? TlsCAFile { get; set; }

    /// <summary>PEM file with the client certificate and its unencrypted private key (X.509 authentication, mutual TLS); implies TLS.</summary>
    public string? TlsCertificateKeyFile { get; set; }
}
