namespace Cdc.Deployment.Tests;

/// <summary>
/// One `.Values.a.b` in a template: where it is and whether `.` there is still the root context (outside any
/// `with`/`range` block, or written `$.Values`), without which Helm would look the path up in the wrong object.
/// </summary>
internal sealed record TemplateValuesReference(string Template, int Line, string Path, bool ResolvesFromRoot);
