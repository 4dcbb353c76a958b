using Cdc.Connector.Interop.Mongoc;

namespace Cdc.Connector.Source;

/// <summary>STUB (contract): the source helper completes the rules; keep the signature.</summary>
internal static class SourceFailureClassifier
{
    public static SourceFailureKind Classify(MongoException error) => error.Code switch
    {
        286 or 136 => SourceFailureKind.HistoryLost,
        260 or 280 => SourceFailureKind.InvalidToken,
        _ => SourceFailureKind.Transient,
    };
}
