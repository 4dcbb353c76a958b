using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Configuration;

internal sealed class MappingSettings
{
    /// <summary>relaxed | canonical: the Extended JSON flavour of document bodies.</summary>
    public ExtendedJsonMode Json { get; set; } = ExtendedJsonMode.Relaxed;

    public bool TombstonesOnDelete { get; set; } = true;

    /// <summary>
    /// namespaceKey | nullKey | skip: what key events without a documentKey (drop, rename, DDL…) get. The default
    /// keeps them publishable on compacted topics, which reject null keys.
    /// </summary>
    public KeylessEventPolicy KeylessEvents { get; set; } = KeylessEventPolicy.NamespaceKey;
}
