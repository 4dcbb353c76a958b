namespace Cdc.Sandbox.Tests;

public sealed class SandboxAssemblyTests
{
    [Fact]
    public void Sandbox_assembly_is_named_as_the_design_lays_it_out() =>
        Assert.Equal(SandboxAssembly.Name, typeof(SandboxAssembly).Assembly.GetName().Name);
}
