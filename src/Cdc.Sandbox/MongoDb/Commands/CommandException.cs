using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>A command failure, answered as MongoDB does: <c>{ok: 0, errmsg, code, codeName}</c>.</summary>
internal sealed class CommandException : Exception
{
    public CommandException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    public CommandException()
    {
    }

    public CommandException(string message)
        : base(message)
    {
    }

    public CommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Code { get; } = ErrorCodes.BadValue;

    public string CodeName => ErrorCodes.Name(Code);

    /// <summary>Error labels sent with the reply (RetryableWriteError, ResumableChangeStreamError, …); empty when none.</summary>
    public IReadOnlyList<string> ErrorLabels { get; init; } = [];

    public static CommandException NotEmulated(int code, string what) =>
        new(code, $"{what} is not emulated by the cdc sandbox (a MongoDB emulator for testing cdc; see docs/sandbox.md)");

    public Doc ToReply()
    {
        var reply = new Doc().Add("ok", 0.0).Add("errmsg", Message).Add("code", Code).Add("codeName", CodeName);
        if (ErrorLabels.Count > 0)
        {
            var labels = new List<DocValue>(ErrorLabels.Count);
            foreach (var label in ErrorLabels)
            {
                labels.Add(DocValue.FromString(label));
            }

            reply.Add("errorLabels", DocValue.FromArray(labels));
        }

        return reply;
    }
}
