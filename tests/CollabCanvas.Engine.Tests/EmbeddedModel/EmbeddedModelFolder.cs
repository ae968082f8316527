using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>Where the shipped models live: the repository's own models/ folder, not the test fixtures.</summary>
internal static class EmbeddedModelFolder
{
    /// <summary>The default model: 64 px, the CPU tier.</summary>
    public const string Name = "emoji-ldm";

    /// <summary>The GPU tier: 128 px, every emoji concept, v prediction.</summary>
    public const string Name128 = "emoji-ldm-128";

    public static string ModelsRoot => Path.Combine(Fixtures.RepositoryRoot, "models");
}
