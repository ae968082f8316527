namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>The repository root (the folder holding CollabCanvas.sln), found from the working directory or the binary.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CollabCanvas.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("CollabCanvas.sln not found above the working directory or the binary.");
    }
}
