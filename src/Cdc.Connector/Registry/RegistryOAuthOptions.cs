namespace Cdc.Connector.Registry;

/// <summary>The OAuth 2.0 client-credentials grant that gets the registry's bearer tokens (schemaRegistry.oauth*).</summary>
internal sealed record RegistryOAuthOptions(string TokenEndpointUrl, string ClientId, string ClientSecret, string? Scope);
