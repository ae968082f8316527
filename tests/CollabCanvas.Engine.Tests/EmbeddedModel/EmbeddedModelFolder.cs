using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.EmbeddedModel;

/// <summary>Where the shipped default model lives: the repository's own models/ folder, not the test fixtures.</summary>
internal static class EmbeddedModelFolder
{
    public const string Name = "emoji-ldm";

    public static string ModelsRoot => Path.Combine(Fixtures.RepositoryRoot, "models");
}
