using CollabCanvas.Data.Images;
using CollabCanvas.Data.Rooms;

namespace CollabCanvas.Data.Tests.Rooms;

/// <summary>The sweep learns which images rooms' saved states name, wherever in the document they are.</summary>
public sealed class LiveStateImageReferencesTests
{
    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);

    [Fact]
    public void Init_image_hashes_are_found_at_any_depth()
    {
        var found = new HashSet<ImageHash>();

        LiveStateImageReferences.Collect(
            """{"parameters":{"steps":20,"initImageHash":"HASH_A"},"lastRun":{"parameters":{"initImageHash":"HASH_B"}}}"""
                .Replace("HASH_A", HashA, StringComparison.Ordinal).Replace("HASH_B", HashB, StringComparison.Ordinal), found);

        Assert.Equal([HashA, HashB], found.Select(hash => hash.Value).Order());
    }

    [Fact]
    public void Null_missing_and_malformed_values_name_nothing()
    {
        var found = new HashSet<ImageHash>();

        LiveStateImageReferences.Collect("""{"parameters":{"initImageHash":null}}""", found);
        LiveStateImageReferences.Collect("""{"parameters":{"initImageHash":"../../etc/passwd"}}""", found);
        LiveStateImageReferences.Collect("""{"prompt":{"text":"initImageHash"}}""", found);
        LiveStateImageReferences.Collect("""{"parameters":{"initImageHash":""", found);

        Assert.Empty(found);
    }
}
