namespace Cdc.Integration.Tests;

/// <summary>The reader's record set: a wait for it to settle never lets a caller go on with records still arriving.</summary>
public sealed class DecodedRecordsTests
{
    [Fact]
    public async Task WaitForQuiet_throws_when_records_have_not_settled_by_the_timeout()
    {
        var records = new DecodedRecords();
        records.Add(arrival => new DecodedRecord(arrival, "t", 0, arrival, DocumentKey: null, Value: null, DecodeError: null, Headers: default));

        // A pause of an hour cannot follow a record added just now within the timeout, however slow this machine is.
        var error = await Assert.ThrowsAsync<TimeoutException>(() => records.WaitForQuietAsync(TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(200)));
        Assert.Contains("1 in all", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForQuiet_returns_once_nothing_has_arrived_for_the_quiet_span()
    {
        var records = new DecodedRecords();
        records.Add(arrival => new DecodedRecord(arrival, "t", 0, arrival, DocumentKey: null, Value: null, DecodeError: null, Headers: default));

        await records.WaitForQuietAsync(TimeSpan.FromMilliseconds(100), Deadlines.Step);
        Assert.Equal(1, records.Count);
    }
}
