using CollabCanvas.Engine.Tokenization;

namespace CollabCanvas.Engine.Tests.Tokenization;

/// <summary>
/// Finds the read-only reference data in <c>../shared</c> beside the checkout (also in CI, where the repository
/// is cloned elsewhere). An environment variable may point somewhere else; a relative value is taken from the
/// repository root, which is found by walking up from the test binaries to <c>CollabCanvas.sln</c>.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<ClipTokenizer> ReferenceTokenizer = new(() =>
        ClipTokenizer.FromDirectory(Resolve("CC_TOKENIZER_DIR", "../shared/clip-tokenizer")));

    /// <summary>The real CLIP vocabulary (env CC_TOKENIZER_DIR, default ../shared/clip-tokenizer), loaded once.</summary>
    public static ClipTokenizer ClipTokenizer => ReferenceTokenizer.Value;

    public static string Resolve(string environmentVariable, string defaultRelativeToRepository)
    {
        var configured = Environment.GetEnvironmentVariable(environmentVariable);
        var path = string.IsNullOrWhiteSpace(configured) ? defaultRelativeToRepository : configured;
        return Path.GetFullPath(Path.Combine(RepositoryRoot(), path));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CollabCanvas.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CollabCanvas.sln above {AppContext.BaseDirectory}");
    }
}
