using System.Diagnostics;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Tests.Pipeline;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class AckWatermarkLatencyTests
{
    private static long Track(AckWatermark watermark, int n, int records = 1)
    {
        Assert.True(watermark.WaitForRoom(10, CancellationToken.None));
        return watermark.Track(ChangeEvents.Token(n), isInvalidate: false, records, bytes: 10);
    }

    [Fact]
    public void The_observer_hears_each_event_once_when_its_last_record_is_acknowledged()
    {
        var observer = new RecordingLatencyObserver();
        var watermark = new AckWatermark(10, 1000, observer);
        var before = Stopwatch.GetTimestamp();
        var delete = Track(watermark, 1, records: 2);
        var insert = Track(watermark, 2);
        var afterTracking = Stopwatch.GetTimestamp();

        Thread.Sleep(20);
        watermark.Delivered(delete);
        Assert.Empty(observer.Reports);

        watermark.Delivered(insert);
        Assert.Single(observer.Reports);
        watermark.Delivered(delete);
        watermark.Delivered(delete); // a duplicate report for a finished event is ignored
        var reports = observer.Reports;
        Assert.Equal(2, reports.Count);
        foreach (var (tracked, acknowledged) in reports)
        {
            Assert.InRange(tracked, before, afterTracking);
            Assert.True(Stopwatch.GetElapsedTime(tracked, acknowledged) >= TimeSpan.FromMilliseconds(15), "the latency spans the wait before the acknowledgement");
        }
    }

    [Fact]
    public void Skipped_and_failed_events_are_not_reported()
    {
        var observer = new RecordingLatencyObserver();
        var watermark = new AckWatermark(10, 1000, observer);
        Track(watermark, 1, records: 0);
        var failed = Track(watermark, 2);
        var later = Track(watermark, 3);
        watermark.Failed(failed, new InvalidOperationException("refused (test)"));
        watermark.Delivered(later);

        var report = Assert.Single(observer.Reports);
        Assert.True(report.Acknowledged >= report.Tracked);
    }

    [Fact]
    public void Without_an_observer_acknowledgements_still_advance_the_watermark()
    {
        var watermark = new AckWatermark(10, 1000);
        var first = Track(watermark, 1);
        watermark.Delivered(first);
        Assert.Equal(1, watermark.CommittableSequence);
    }
}
