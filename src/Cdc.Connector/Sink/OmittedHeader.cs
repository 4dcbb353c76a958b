using System.Text;
using Confluent.Kafka;

namespace Cdc.Connector.Sink;

/// <summary>
/// The header of a change record whose largest document bodies were replaced by references (mapping.oversize=reference):
/// the replaced paths, comma-separated, in the order they were replaced. A consumer needs it to tell a reference from a
/// body without parsing every field.
/// </summary>
internal static class OmittedHeader
{
    public const string Name = "cdc.omitted";

    public static Headers For(string omittedPaths) => new() { { Name, Encoding.UTF8.GetBytes(omittedPaths) } };
}
