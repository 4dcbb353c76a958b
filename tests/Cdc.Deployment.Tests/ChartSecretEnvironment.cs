namespace Cdc.Deployment.Tests;

/// <summary>
/// The chart's secret wiring: each `secrets` value, the Secret key it fills (secret.yaml), and the connector variable
/// the Deployment reads that key into. The tests check the templates against this table.
/// </summary>
internal static class ChartSecretEnvironment
{
    public static IReadOnlyList<(string SecretsValue, string SecretKey, string Variable)> Entries { get; } =
    [
        ("mongodbUri", "mongodb-uri", "CDC__MONGODB__URI"),
        ("schemaRegistryBasicAuth", "schema-registry-basic-auth", "CDC__SCHEMAREGISTRY__BASICAUTH"),
        ("schemaRegistryBearerToken", "schema-registry-bearer-token", "CDC__SCHEMAREGISTRY__BEARERTOKEN"),
        ("schemaRegistryOAuthClientSecret", "schema-registry-oauth-client-secret", "CDC__SCHEMAREGISTRY__OAUTHCLIENTSECRET"),
        ("kafkaSaslUsername", "kafka-sasl-username", "CDC__KAFKA__PRODUCER__SASL_USERNAME"),
        ("kafkaSaslPassword", "kafka-sasl-password", "CDC__KAFKA__PRODUCER__SASL_PASSWORD"),
    ];

    /// <summary>Connector keys set only through the Secret, so they are absent from the schema's `config` on purpose.</summary>
    public static IReadOnlySet<string> SecretOnlyKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "mongodb.uri", "schemaRegistry.basicAuth", "schemaRegistry.bearerToken", "schemaRegistry.oauthClientSecret" };
}
