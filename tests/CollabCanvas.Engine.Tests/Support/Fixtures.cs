namespace CollabCanvas.Engine.Tests.Support;

/// <summary>Finds the committed fixtures by walking up from the test binaries to the folder holding CollabCanvas.sln.</summary>
internal static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ModelsRoot => Path.Combine(RepositoryRoot, "tests", "fixtures", "models");

    public static string Model(string name) => Path.Combine(ModelsRoot, name);

    public static string Expected(string model, string file) =>
        Path.Combine(RepositoryRoot, "tests", "fixtures", "expected", model, file);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CollabCanvas.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"CollabCanvas.sln not found above {AppContext.BaseDirectory}");
    }
}
