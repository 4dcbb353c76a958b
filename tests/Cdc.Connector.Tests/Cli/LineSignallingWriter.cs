namespace Cdc.Connector.Tests.Cli;

/// <summary>A StringWriter that completes <see cref="FirstLine"/> when the first line has been written.</summary>
internal sealed class LineSignallingWriter : StringWriter
{
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> FirstLine => _firstLine.Task;

    public override void Write(char value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(string? value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        base.Write(buffer, index, count);
        Check();
    }

    public override Task WriteLineAsync(string? value)
    {
        base.WriteLine(value);
        Check();
        return Task.CompletedTask;
    }

    private void Check()
    {
        var text = GetStringBuilder().ToString();
        var end = text.IndexOf(Environment.NewLine, StringComparison.Ordinal);
        if (end >= 0)
        {
            _firstLine.TrySetResult(text[..end]);
        }
    }
}
