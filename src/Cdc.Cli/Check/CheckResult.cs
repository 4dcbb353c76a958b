namespace Cdc.Cli.Check;

/// <summary>
/// One line of `cdc check`: which area (mongodb, kafka, schemaRegistry, checkpoint, configuration), which check, the
/// verdict, what was found or what is wrong, and for a warning or failure what to do about it.
/// </summary>
internal sealed record CheckResult(string Area, string Name, CheckStatus Status, string Detail, string? Fix)
{
    public static CheckResult Pass(string area, string name, string detail) => new(area, name, CheckStatus.Pass, detail, null);

    public static CheckResult Warn(string area, string name, string detail, string? fix) => new(area, name, CheckStatus.Warn, detail, fix);

    public static CheckResult Fail(string area, string name, string detail, string fix) => new(area, name, CheckStatus.Fail, detail, fix);
}
