namespace Cdc.Cli.Tail;

/// <summary>Where `cdc tail` writes each record: <see cref="JsonTailOutput"/> or <see cref="TextTailOutput"/>.</summary>
internal interface ITailOutput
{
    /// <summary>Writes one record, or its decoding error (<see cref="TailedRecord.Error"/>). May throw <see cref="IOException"/> when the reader has gone.</summary>
    void Write(TailedRecord record);
}
