namespace CollabCanvas.Engine.Benchmarks;

/// <summary>The folder holding CollabCanvas.sln, found by walking up from the binaries or the working directory.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "CollabCanvas.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("CollabCanvas.sln not found above the benchmark or the working directory");
    }
}
