namespace CollabCanvas.Web.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding CollabCanvas.sln) from the test's bin folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where tests leave artefacts worth looking at (screenshots); CI keeps the folder.</summary>
    public static string TestOutput { get; } = Directory.CreateDirectory(Path.Combine(Root, "test-results", "artifacts")).FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CollabCanvas.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CollabCanvas.sln not found above {AppContext.BaseDirectory}.");
    }
}
