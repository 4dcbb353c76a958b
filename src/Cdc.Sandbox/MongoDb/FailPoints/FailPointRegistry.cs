using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.FailPoints;

/// <summary>
/// The fail points the sandbox knows, by mongod's names. configureFailPoint on any other name fails with 266
/// FailPointSetFailed "&lt;name&gt; not found", as mongod answers for a fail point it does not define.
/// </summary>
internal sealed class FailPointRegistry
{
    public const string FailCommand = "failCommand";
    public const string FailGetMoreAfterCursorCheckout = "failGetMoreAfterCursorCheckout";

    private readonly FailPointActivation _failCommand = new();
    private readonly FailPointActivation _failGetMore = new();
    private readonly Lock _gate = new();
    private FailCommandSettings? _failCommandSettings;
    private int? _getMoreErrorCode;
    private long _failCommandEntered;
    private long _failGetMoreEntered;

    /// <summary>Sets a fail point's mode and data; returns how many times it had fired so far (mongod's "count").</summary>
    public long Configure(string name, DocValue? mode, Doc? data)
    {
        var (kind, count, probability) = FailPointActivation.Parse(mode);
        lock (_gate)
        {
            switch (name)
            {
                case FailCommand:
                    {
                        // mode "off" needs no data; mongod accepts it with or without.
                        var settings = kind == "off" ? null : FailCommandSettings.Parse(data);
                        _failCommandSettings = settings;
                        _failCommand.Set(kind, count, probability);
                        return Interlocked.Read(ref _failCommandEntered);
                    }

                case FailGetMoreAfterCursorCheckout:
                    {
                        var code = data is null ? null : CommandArguments.OptionalInteger(data, "errorCode");
                        _getMoreErrorCode = code is null ? null : checked((int)code.Value);
                        _failGetMore.Set(kind, count, probability);
                        return Interlocked.Read(ref _failGetMoreEntered);
                    }

                default:
                    throw new CommandException(ErrorCodes.FailPointSetFailed, $"{name} not found");
            }
        }
    }

    /// <summary>The failCommand settings to apply to this command now, or null when the fail point does not fire.</summary>
    public FailCommandSettings? EvaluateFailCommand(string command, string? clientAppName)
    {
        if (_failCommand.IsOff)
        {
            return null;
        }

        FailCommandSettings? settings;
        lock (_gate)
        {
            settings = _failCommandSettings;
        }

        if (settings is null || !settings.Matches(command, clientAppName) || !_failCommand.TryFire())
        {
            return null;
        }

        Interlocked.Increment(ref _failCommandEntered);
        return settings;
    }

    /// <summary>The error code a getMore fails with after checking out its cursor, or null when the fail point does not fire.</summary>
    public int? EvaluateFailGetMore()
    {
        if (_failGetMore.IsOff || !_failGetMore.TryFire())
        {
            return null;
        }

        Interlocked.Increment(ref _failGetMoreEntered);
        lock (_gate)
        {
            return _getMoreErrorCode ?? ErrorCodes.InternalError;
        }
    }
}
