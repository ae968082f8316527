using System.Globalization;

namespace CollabCanvas.Web.Tests.Infrastructure;

/// <summary>
/// What a test needs to run one of the repository's programs as a real child process: the dotnet host and the
/// program's own build output, in the configuration these tests were built in (the test project references the
/// program, so a test build has built it).
/// </summary>
internal static class BuiltProjects
{
    /// <summary>The dotnet host running these tests (the SDK names it in DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>src/<paramref name="project"/>/bin/&lt;configuration&gt;/&lt;framework&gt;/<paramref name="project"/>.dll, which must exist.</summary>
    public static string Dll(string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root, "src", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException(string.Create(CultureInfo.InvariantCulture, $"The build output of {project} is missing: {dll}. Build tests/CollabCanvas.Web.Tests first."), dll);
    }
}
