namespace Cdc.Connector.Source;

/// <summary>What <see cref="SplitEventAssembler.Add"/> made of an event read from the stream.</summary>
internal enum SplitEventStep
{
    /// <summary>Not a fragment: the event is used as it is.</summary>
    Whole,

    /// <summary>A fragment was kept; more are to come.</summary>
    Pending,

    /// <summary>The last fragment came: the whole event is ready.</summary>
    Assembled,
}
