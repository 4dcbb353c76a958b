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

    public static CommandException NotEmulated(int code, string what) =>
        new(code, $"{what} is not emulated by the cdc sandbox (a MongoDB emulator for testing cdc; see docs/sandbox.md)");

    public Doc ToReply() => new Doc().Add("ok", 0.0).Add("errmsg", Message).Add("code", Code).Add("codeName", CodeName);
}
