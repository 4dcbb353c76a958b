using System.Text.RegularExpressions;
using Cdc.Connector.Configuration;
using Cdc.Tests.Shared;

namespace Cdc.Deployment.Tests;

/// <summary>
/// The Dockerfile's contract, checked statically because no Docker engine exists here: what the image installs, how
/// it builds, who it runs as and what it starts. The values come from the connector's own code where they exist
/// (the projects restore reads, the default HTTP port), so the image cannot drift from the program it packages.
/// </summary>
public sealed partial class DockerfileTests
{
    /// <summary>The project the image publishes: the `cdc` program.</summary>
    private const string ProgramProject = "src/Cdc.Cli/Cdc.Cli.csproj";

    private static readonly string Root = RepositoryRoot.Path;
    private static readonly DockerfileDocument Dockerfile = DockerfileDocument.Load(Path.Combine(Root, "Dockerfile"));

    [Fact]
    public void It_has_a_build_stage_on_the_sdk_and_a_final_stage_on_the_aspnet_runtime()
    {
        Assert.True(Dockerfile.Stages.Count >= 2, $"expected a multi-stage build, found {Dockerfile.Stages.Count} stage(s)");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", Dockerfile.Stages[0].BaseImage, StringComparison.Ordinal);

        // The program has a FrameworkReference to Microsoft.AspNetCore.App: the plain runtime image could not start it.
        var programProject = File.ReadAllText(Path.Combine(Root, ProgramProject));
        Assert.Contains("\"Microsoft.AspNetCore.App\"", programProject, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", Dockerfile.Final.BaseImage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_stage_is_a_chiseled_image_so_it_runs_no_shell_commands()
    {
        Assert.EndsWith("-chiseled", Dockerfile.Final.BaseImage, StringComparison.Ordinal);

        // A chiseled image has no /bin/sh: any RUN in the final stage would fail the build.
        Assert.Empty(Dockerfile.Final.All("RUN"));
    }

    [Fact]
    public void The_image_carries_the_librdkafka_of_its_two_platforms_and_no_other()
    {
        var publish = Assert.Single(Dockerfile.Stages[0].All("RUN"), i => i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));

        var removed = publish.Arguments[(publish.Arguments.IndexOf("rm -rf", StringComparison.Ordinal) + "rm -rf".Length)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["/app/runtimes/osx-*", "/app/runtimes/win-*", "/app/runtimes/linux-s390x", "/app/librdkafka"], removed);
    }

    [Fact]
    public void The_directories_the_connector_writes_are_made_in_the_build_stage_and_the_data_directory_belongs_to_the_app_user()
    {
        var user = Dockerfile.Final.All("USER").Last().Arguments.Split(':')[0];
        var copies = Dockerfile.Final.All("COPY").Select(c => c.Arguments).ToList();

        Assert.Contains(Dockerfile.Stages[0].All("RUN"), r => r.Arguments.Contains("mkdir -p /rootfs/etc/cdc /rootfs/var/lib/cdc", StringComparison.Ordinal));
        Assert.Contains($"--from={Dockerfile.Stages[0].Name} --chown={user}:{user} /rootfs/var/lib/cdc /var/lib/cdc", copies);
        Assert.Equal("/var/lib/cdc", Dockerfile.Final.All("WORKDIR").Last().Arguments);
    }

    [Fact]
    public void Restore_is_its_own_layer_before_the_sources_are_copied()
    {
        var build = Dockerfile.Stages[0];
        var restore = build.IndexOf(i => i.Is("RUN") && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var sources = build.IndexOf(i => i.Is("COPY") && CopySources(i).Any(s => s is "src/" or "src" or "."));
        Assert.True(restore >= 0, "no RUN dotnet restore in the build stage");
        Assert.True(sources >= 0, "no COPY of src/ in the build stage");
        Assert.True(restore < sources, "dotnet restore must run before the sources are copied, or every edit re-restores");

        // Before the restore, only what restore reads: project files, the MSBuild props and global.json.
        foreach (var copy in build.Instructions.Take(restore).Where(i => i.Is("COPY")))
        {
            foreach (var source in CopySources(copy))
            {
                Assert.True(
                    source.EndsWith(".csproj", StringComparison.Ordinal) || source.EndsWith(".props", StringComparison.Ordinal)
                    || source is "global.json" or "NuGet.config",
                    $"line {copy.Line}: '{source}' is copied before the restore but restore does not read it");
            }
        }
    }

    [Fact]
    public void The_restore_layer_copies_every_project_the_program_references()
    {
        var build = Dockerfile.Stages[0];
        var restore = build.IndexOf(i => i.Is("RUN") && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var copied = build.Instructions.Take(restore).Where(i => i.Is("COPY")).SelectMany(CopySources).ToHashSet(StringComparer.Ordinal);

        foreach (var project in ProjectReferences.Closure(ProgramProject))
        {
            Assert.True(copied.Contains(project), $"{project} is referenced by the program but not copied before dotnet restore");
        }

        Assert.Contains(ProgramProject, build.Instructions[restore].Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_is_Release_without_restore_and_the_final_stage_copies_its_output()
    {
        var publish = Assert.Single(Dockerfile.Stages[0].All("RUN"), i => i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(ProgramProject, publish.Arguments, StringComparison.Ordinal);
        Assert.Matches(@"(-c|--configuration) Release\b", publish.Arguments);
        Assert.Contains("--no-restore", publish.Arguments, StringComparison.Ordinal);
        var output = Regex.Match(publish.Arguments, @"(?:-o|--output) (\S+)").Groups[1].Value;
        Assert.NotEmpty(output);

        var buildName = Dockerfile.Stages[0].Name;
        Assert.Contains(
            Dockerfile.Final.All("COPY"),
            c => c.Arguments.Contains($"--from={buildName}", StringComparison.Ordinal) && c.Arguments.Contains(output, StringComparison.Ordinal));
    }

    [Fact]
    public void The_final_stage_runs_as_a_numeric_non_root_user()
    {
        var user = Dockerfile.Final.All("USER").LastOrDefault();
        Assert.NotNull(user);
        var uid = user.Arguments.Split(':')[0];
        Assert.True(uint.TryParse(uid, out var number), $"USER {user.Arguments}: Kubernetes' runAsNonRoot can only verify a numeric user");
        Assert.NotEqual(0u, number);
    }

    [Fact]
    public void The_entrypoint_is_the_cdc_apphost_in_exec_form_and_the_command_runs_the_mounted_configuration()
    {
        var entrypoint = Assert.Single(Dockerfile.Final.All("ENTRYPOINT"));
        Assert.Equal(["/app/cdc"], DockerfileDocument.ExecForm(entrypoint));
        var command = Assert.Single(Dockerfile.Final.All("CMD"));
        Assert.Equal(["run", "--config", "/etc/cdc/cdc.json"], DockerfileDocument.ExecForm(command));

        // The apphost must find the shared runtime.
        Assert.Contains(Dockerfile.Final.All("ENV"), e => e.Arguments.StartsWith("DOTNET_ROOT=", StringComparison.Ordinal));
    }

    [Fact]
    public void It_exposes_the_connectors_default_http_port()
    {
        var port = new HttpOptions().Port;
        var exposed = Dockerfile.Final.All("EXPOSE").SelectMany(e => e.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(exposed, p => p == $"{port}" || p == $"{port}/tcp");
    }

    [Theory]
    [InlineData("org.opencontainers.image.title")]
    [InlineData("org.opencontainers.image.description")]
    [InlineData("org.opencontainers.image.source")]
    [InlineData("org.opencontainers.image.licenses")]
    [InlineData("org.opencontainers.image.version")]
    public void The_image_carries_the_OCI_label(string label)
    {
        var labels = Dockerfile.Final.All("LABEL").SelectMany(l => LabelKey().Matches(l.Arguments)).Select(m => m.Groups[1].Value);
        Assert.Contains(label, labels);
    }

    [Theory]
    [InlineData("bin/")]
    [InlineData("obj/")]
    [InlineData("TestResults/")]
    [InlineData("node_modules/")]
    [InlineData(".git/")]
    public void The_build_context_leaves_out(string directory)
    {
        var patterns = File.ReadAllLines(Path.Combine(Root, ".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();

        // `**/bin/` matches bin/ at any depth; a bare `bin/` would only match at the root, missing src/*/bin.
        var anyDepth = directory == ".git/" ? directory : "**/" + directory;
        Assert.Contains(anyDepth, patterns);
    }

    [Fact]
    public void The_parser_joins_continuations_skips_comments_and_substitutes_global_args()
    {
        var parsed = DockerfileDocument.Parse(
        [
            "ARG BASE=example/base:1",
            "FROM ${BASE} AS one",
            "RUN a \\",
            "    # a comment inside a continuation",
            "    && b",
            "FROM one",
            "USER 10",
        ]);

        Assert.Equal(2, parsed.Stages.Count);
        Assert.Equal("example/base:1", parsed.Stages[0].BaseImage);
        Assert.Equal("one", parsed.Stages[0].Name);
        Assert.Equal("a && b", Assert.Single(parsed.Stages[0].Instructions).Arguments);
        Assert.Equal("USER", Assert.Single(parsed.Final.Instructions).Keyword);
    }

    [Fact]
    public void The_parser_refuses_a_from_with_an_undeclared_arg()
    {
        var ex = Assert.Throws<FormatException>(() => DockerfileDocument.Parse(["FROM ${NOPE}"]));
        Assert.Contains("NOPE", ex.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> CopySources(DockerfileInstruction copy)
    {
        var words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return words.Take(words.Length - 1);
    }

    [GeneratedRegex(@"(org\.opencontainers\.image\.[a-z.]+)=")]
    private static partial Regex LabelKey();
}
