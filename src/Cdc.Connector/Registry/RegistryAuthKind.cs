namespace Cdc.Connector.Registry;

/// <summary>Which credentials the registry client presents; the fix for a 401 depends on it.</summary>
internal enum RegistryAuthKind
{
    None,

    /// <summary>schemaRegistry.basicAuth, or user:password in schemaRegistry.url.</summary>
    Basic,

    /// <summary>schemaRegistry.bearerToken, a static token.</summary>
    BearerToken,

    /// <summary>schemaRegistry.oauth*: tokens from an identity provider's client-credentials grant.</summary>
    OAuth,
}
