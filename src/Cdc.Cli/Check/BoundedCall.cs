namespace Cdc.Cli.Check;

/// <summary>
/// Runs a blocking call (the MongoDB driver, librdkafka) on a thread of its own and gives up waiting after a limit, so an
/// endpoint that accepts connections but never answers cannot make `cdc check` hang. A call given up on keeps its
/// thread (a background thread) until it returns by itself or the process exits; its result is dropped.
/// </summary>
internal static class BoundedCall
{
    /// <summary>The result of <paramref name="work"/>, its own exception, or <see cref="TimeoutException"/> after <paramref name="limit"/>.</summary>
    public static T Run<T>(Func<T> work, TimeSpan limit)
    {
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!task.Wait(limit))
            {
                // Observe a late failure so it is not reported as unobserved.
                _ = task.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                throw new TimeoutException($"no answer within {limit.TotalSeconds:0.#} s");
            }
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        return task.Result;
    }

    public static void Run(Action work, TimeSpan limit) => Run(() =>
    {
        work();
        return true;
    }, limit);
}
