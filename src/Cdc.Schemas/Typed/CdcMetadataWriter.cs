using System.Buffers;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Typed;

/// <summary>Writes <see cref="CdcMetadata"/> as the Avro binary of <see cref="CdcMetadataSchema"/>. Allocates nothing.</summary>
internal static class CdcMetadataWriter
{
    private const int NullBranch = 0;
    private const int ValueBranch = 1;

    public static void Write(IBufferWriter<byte> output, scoped in CdcMetadata metadata)
    {
        AvroBinary.WriteString(output, metadata.Operation);
        AvroBinary.WriteString(output, metadata.Database);
        if (metadata.HasCollection)
        {
            AvroBinary.WriteUnionIndex(output, ValueBranch);
            AvroBinary.WriteString(output, metadata.Collection);
        }
        else
        {
            AvroBinary.WriteUnionIndex(output, NullBranch);
        }

        AvroBinary.WriteString(output, metadata.ResumeToken);
        AvroBinary.WriteLong(output, metadata.ClusterTime.Seconds);
        AvroBinary.WriteLong(output, metadata.ClusterTime.Increment);
        if (metadata.HasWallTime)
        {
            AvroBinary.WriteUnionIndex(output, ValueBranch);
            AvroBinary.WriteLong(output, metadata.WallTimeMilliseconds);
        }
        else
        {
            AvroBinary.WriteUnionIndex(output, NullBranch);
        }
    }
}
