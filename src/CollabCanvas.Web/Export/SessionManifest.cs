using CollabCanvas.Web.Versions;

namespace CollabCanvas.Web.Export;

/// <summary>The export's <c>manifest.json</c>: the room, every version with its place in the tree, its credits and its files.</summary>
/// <param name="Roots">Versions made from no other version of the room; follow <see cref="ManifestVersion.ChildIds"/> for the tree.</param>
internal sealed record SessionManifest(
    string Format,
    ManifestRoom Room,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    IReadOnlyList<ManifestVersion> Versions,
    IReadOnlyList<Guid> Roots,
    string Timeline,
    string TimelineText);

internal sealed record ManifestRoom(Guid Id, string Name, string Description);

/// <param name="Image">The PNG's path in the zip; null when the image store lacked it (see <paramref name="StoredImageSha256"/>).</param>
/// <param name="ImageSha256">SHA-256 of that PNG file as exported (with its provenance chunks).</param>
/// <param name="StoredImageSha256">SHA-256 of the image as the store keeps it (the version's image hash).</param>
internal sealed record ManifestVersion(
    int Number,
    Guid Id,
    string Title,
    string Note,
    DateTimeOffset CreatedAt,
    Guid? ParentId,
    IReadOnlyList<Guid> ChildIds,
    string SavedBy,
    string? RanBy,
    string Model,
    string? ModelFingerprint,
    long? Seed,
    int Width,
    int Height,
    string? Image,
    string Sidecar,
    string? ImageSha256,
    string StoredImageSha256,
    IReadOnlyList<VersionContributor> Contributors);

/// <summary>One line of <c>timeline.json</c>.</summary>
internal sealed record ExportedTimelineEntry(
    DateTimeOffset At,
    DateTimeOffset? Until,
    string Kind,
    Guid? ActorId,
    string Actor,
    string Text,
    IReadOnlyDictionary<string, string> Details);
