using System.Runtime.InteropServices;
using System.Text;

namespace Cdc.Connector.Configuration;

/// <summary>
/// librdkafka's own judgement of client properties, asked without a client that could connect. <see cref="Refusals"/>
/// gives each property to <c>rd_kafka_conf_set</c> on a fresh configuration, which knows every property, alias and
/// value of the loaded librdkafka and says why it refuses one; nothing else happens. <see cref="CreationRefusal"/>
/// creates a producer handle from the whole configuration and destroys it at once, so the checks librdkafka only makes
/// when it creates a client run too: <c>max.in.flight</c> above 5 with idempotence, <c>linger.ms</c> not below
/// <c>message.timeout.ms</c>, a TLS key store without its password, TLS files it cannot read, ….
/// </summary>
/// <remarks>
/// The handle is created without <c>bootstrap.servers</c> (the caller's properties must not hold it: no broker to
/// connect to), with logging off, and without SASL (<c>sasl_ssl</c> becomes <c>ssl</c>, <c>sasl_plaintext</c>
/// <c>plaintext</c>), because setting SASL up has effects outside the process: librdkafka would run
/// <c>sasl.kerberos.kinit.cmd</c> or ask an OIDC token endpoint for a token. TLS is set up as the producer would
/// (certificate and key files are read). <see cref="LibrdkafkaLoader.EnsureLoaded"/> must have run: it maps the imports
/// below to the librdkafka.redist file.
/// </remarks>
internal static partial class LibrdkafkaConfiguration
{
    private const string LibraryName = "librdkafka";
    private const int ProducerType = 0;
    private const int ConfUnknown = -2;
    private const int ConfOk = 0;
    private const int ErrorStringSize = 512;

    /// <summary>librdkafka refused <see cref="Property"/>: it does not know it (<see cref="Unknown"/>), or not with that value.</summary>
    public sealed record Refusal(string Property, bool Unknown, string Reason);

    /// <summary>Sets <paramref name="properties"/> in order, as a client would, and returns each refusal with librdkafka's reason.</summary>
    public static IReadOnlyList<Refusal> Refusals(IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var refused = new List<Refusal>();
        var conf = rd_kafka_conf_new();
        try
        {
            var error = new byte[ErrorStringSize];
            foreach (var (name, value) in properties)
            {
                var result = rd_kafka_conf_set(conf, name, value, error, ErrorStringSize);
                if (result != ConfOk)
                {
                    refused.Add(new Refusal(name, result == ConfUnknown, Text(error)));
                }
            }

            return refused;
        }
        finally
        {
            rd_kafka_conf_destroy(conf);
        }
    }

    /// <summary>
    /// librdkafka's reason for not creating a producer from <paramref name="properties"/> (which it must accept one by
    /// one: see <see cref="Refusals"/>), or null when it creates one.
    /// </summary>
    public static string? CreationRefusal(IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var error = new byte[ErrorStringSize];
        var conf = rd_kafka_conf_new();
        try
        {
            string? protocol = null;
            foreach (var (name, value) in properties)
            {
                if (rd_kafka_conf_set(conf, name, value, error, ErrorStringSize) != ConfOk)
                {
                    return Text(error);
                }

                protocol = name == "security.protocol" ? value.Trim() : protocol;
            }

            if (protocol is not null && protocol.StartsWith("sasl_", StringComparison.OrdinalIgnoreCase))
            {
                var withoutSasl = protocol.EndsWith("ssl", StringComparison.OrdinalIgnoreCase) ? "ssl" : "plaintext";
                _ = rd_kafka_conf_set(conf, "security.protocol", withoutSasl, error, ErrorStringSize);
            }

            rd_kafka_conf_set_log_cb(conf, 0);
            Array.Clear(error);
            var handle = rd_kafka_new(ProducerType, conf, error, ErrorStringSize);
            if (handle == 0)
            {
                return Text(error);
            }

            // rd_kafka_new took the configuration.
            conf = 0;
            rd_kafka_destroy(handle);
            return null;
        }
        finally
        {
            if (conf != 0)
            {
                rd_kafka_conf_destroy(conf);
            }
        }
    }

    private static string Text(byte[] error)
    {
        var length = Array.IndexOf(error, (byte)0);
        return Encoding.UTF8.GetString(error, 0, length < 0 ? error.Length : length).Trim();
    }

    [LibraryImport(LibraryName)]
    private static partial nint rd_kafka_conf_new();

    [LibraryImport(LibraryName)]
    private static partial void rd_kafka_conf_destroy(nint conf);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(nint conf, string name, string value, [Out] byte[] errstr, nuint errstrSize);

    /// <summary>A null callback turns librdkafka's logging off (rdkafka.h).</summary>
    [LibraryImport(LibraryName)]
    private static partial void rd_kafka_conf_set_log_cb(nint conf, nint logCallback);

    /// <summary>Takes ownership of <paramref name="conf"/> only when it succeeds (returns non-null).</summary>
    [LibraryImport(LibraryName)]
    private static partial nint rd_kafka_new(int type, nint conf, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(LibraryName)]
    private static partial void rd_kafka_destroy(nint handle);
}
