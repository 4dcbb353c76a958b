using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>
/// The $changeStreamSplitLargeEvent stage (MongoDB 7.0, 6.0.9) as the server parses it: an empty object, and only as
/// the last stage, with the server's codes (7182800, 7182802) and messages.
/// </summary>
internal static class SplitLargeEventStage
{
    public const string Name = "$changeStreamSplitLargeEvent";

    public static void Validate(DocValue argument, bool isLast)
    {
        if (!argument.IsDocument || argument.Document.Count != 0)
        {
            throw new CommandException(7182800, "$changeStreamSplitLargeEvent spec should be an empty object");
        }

        if (!isLast)
        {
            throw new CommandException(7182802, "$changeStreamSplitLargeEvent must be the last stage in the pipeline");
        }
    }
}
