using System.Runtime.Serialization;
using Confluent.SchemaRegistry;

namespace Cdc.Connector.Registry;

/// <summary>
/// The one registry call Confluent's client lacks: a compatibility test with the registry's reasons
/// (<c>POST /compatibility/subjects/{subject}/versions/latest?verbose=true</c>); its
/// <see cref="CachedSchemaRegistryClient.IsCompatibleAsync(string, Schema)"/> answers true or false only, and
/// `cdc check` shows why a subject refuses the connector's schema. Built on Confluent's <see cref="RestService"/>, so
/// the request, its credentials, failover and error handling are the library's; only the path and the answer's
/// <c>messages</c> are this class's.
/// </summary>
internal sealed class VerboseCompatibilityService : RestService
{
    public VerboseCompatibilityService(string urls, int timeoutMs, IAuthenticationHeaderValueProvider? authentication)
        : base(urls, timeoutMs, authentication, [], enableSslCertificateVerification: true, maxRetries: 1)
    {
    }

    public async Task<SchemaCompatibilityResult> TestLatestAsync(string subject, string schemaJson)
    {
        var answer = await RequestAsync<VerboseCompatibilityAnswer>(
            $"compatibility/subjects/{Uri.EscapeDataString(subject)}/versions/latest?verbose=true",
            HttpMethod.Post,
            new Schema(schemaJson, SchemaType.Avro)).ConfigureAwait(false);
        var messages = (answer.Messages ?? []).Select(message => message?.ToString() ?? "null").ToArray();
        return new SchemaCompatibilityResult(answer.IsCompatible, messages);
    }

    /// <summary>The answer's JSON, read by the library's deserializer.</summary>
    [DataContract]
    private sealed class VerboseCompatibilityAnswer
    {
        [DataMember(Name = "is_compatible", IsRequired = true)]
        public bool IsCompatible { get; set; }

        /// <summary>Strings in Confluent's registry; anything else is shown as its JSON.</summary>
        [DataMember(Name = "messages")]
        public List<object?>? Messages { get; set; }
    }
}
