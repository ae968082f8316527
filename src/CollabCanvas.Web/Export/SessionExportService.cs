using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using CollabCanvas.Data;
using CollabCanvas.Data.Images;
using CollabCanvas.Data.Provenance;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Timeline;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Versions;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Web.Export;

/// <summary>
/// The session export: a zip of every version (the provenance PNG exactly as its download gives it, and its JSON
/// sidecar), <c>manifest.json</c> (room, version tree, credits, hashes) and the room's timeline (<c>timeline.json</c>,
/// <c>timeline.md</c>). Asked in two steps so that a refusal is an ordinary error response: <see cref="PrepareAsync"/>
/// authorizes and lists, then <see cref="PreparedExport.WriteAsync"/> streams the zip into the response, one image
/// in memory at a time.
/// </summary>
public sealed class SessionExportService(
    RoomService rooms,
    IGrainFactory grains,
    IDbContextFactory<AppDbContext> dbFactory,
    IImageStore images,
    IRoomTimelineStore timeline,
    TimeProvider time,
    ILogger<SessionExportService> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<RoomResult<PreparedExport>> PrepareAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.ExportSession, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var room = await db.Rooms.AsNoTracking()
            .Where(candidate => candidate.Id == roomId)
            .Select(candidate => new ManifestRoom(candidate.Id, candidate.Name, candidate.Description))
            .SingleAsync(cancellationToken);

        // Only the tree's skeleton is kept for the whole export; each version's row is read when its files are written.
        var versions = await db.RoomVersions.AsNoTracking()
            .Where(version => version.RoomId == roomId)
            .OrderBy(version => version.CreatedAt)
            .ThenBy(version => version.Id)
            .Select(version => new VersionNode(version.Id, version.ParentVersionId))
            .ToListAsync(cancellationToken);

        // What the room noted but has not written yet belongs in the export too.
        try
        {
            await grains.GetGrain<IRoomGrain>(roomId).FlushTimeline();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Room {RoomId}: the timeline could not be brought up to date before an export", roomId);
        }

        var now = time.GetUtcNow();
        return RoomResult<PreparedExport>.Ok(new PreparedExport(this, room, caller.Value!.DisplayName, now, versions));
    }

    /// <summary>A room's export, authorized and listed; <see cref="WriteAsync"/> sends it.</summary>
    public sealed class PreparedExport
    {
        private readonly SessionExportService _service;
        private readonly ManifestRoom _room;
        private readonly string _exportedBy;
        private readonly DateTimeOffset _exportedAt;
        private readonly IReadOnlyList<VersionNode> _versions;

        internal PreparedExport(SessionExportService service, ManifestRoom room, string exportedBy, DateTimeOffset exportedAt, IReadOnlyList<VersionNode> versions)
        {
            _service = service;
            _room = room;
            _exportedBy = exportedBy;
            _exportedAt = exportedAt;
            _versions = versions;
        }

        public string FileName => ExportNames.ZipFile(_room.Name, _exportedAt);

        /// <summary>
        /// Writes the zip to <paramref name="body"/> (non-seekable, async only), flushing after every file so the
        /// client receives it as it is made. A cancelled request stops at the next file.
        /// </summary>
        public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
        {
            var output = new SyncWriteDeferringStream(body);
            var archive = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            var children = _versions.Where(node => node.ParentId is not null).ToLookup(node => node.ParentId!.Value, node => node.Id);
            var manifest = new List<ManifestVersion>(_versions.Count);
            for (var index = 0; index < _versions.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await _service.WriteVersionAsync(archive, _room.Id, _versions[index].Id, index + 1, _versions.Count, cancellationToken) is { } written)
                {
                    manifest.Add(written with { ChildIds = [.. children[written.Id]] });
                }

                await output.FlushAsync(cancellationToken);
            }

            var ids = _versions.Select(node => node.Id).ToHashSet();
            await WriteJsonAsync(archive, "manifest.json", new SessionManifest(
                "collabcanvas-session/1", _room, _exportedAt, _exportedBy, manifest,
                [.. _versions.Where(node => node.ParentId is not { } parent || !ids.Contains(parent)).Select(node => node.Id)],
                "timeline.json", "timeline.md"), cancellationToken);
            await WriteJsonAsync(archive, "timeline.json", _service.ExportedTimelineAsync(_room.Id, cancellationToken), cancellationToken);
            await _service.WriteTimelineMarkdownAsync(archive, _room, _exportedAt, cancellationToken);
            await archive.DisposeAsync(); // the central directory
            await output.FlushAsync(cancellationToken);
        }

        private async Task WriteJsonAsync<T>(ZipArchive archive, string name, T value, CancellationToken cancellationToken)
        {
            var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = _exportedAt;
            await using var stream = await entry.OpenAsync(cancellationToken);
            await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken);
        }
    }

    internal sealed record VersionNode(Guid Id, Guid? ParentId);

    /// <summary>Writes one version's PNG and sidecar; null when the version vanished meanwhile.</summary>
    private async Task<ManifestVersion?> WriteVersionAsync(ZipArchive archive, Guid roomId, Guid versionId, int number, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.RoomVersions.AsNoTracking()
            .SingleOrDefaultAsync(candidate => candidate.Id == versionId && candidate.RoomId == roomId, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var recipe = VersionRecipes.From(version);
        var stem = ExportNames.VersionStem(number, count, version.Title, version.Id);
        string? imagePath = null;
        string? imageSha = null;
        var png = await ReadProvenancePngAsync(version.ImageHash, recipe, cancellationToken);
        if (png is null)
        {
            logger.LogError("Room {RoomId}: version {VersionId} names image {Hash}, which the store lacks; exported without it", roomId, version.Id, version.ImageHash);
        }
        else
        {
            imagePath = stem + ".png";
            imageSha = Convert.ToHexStringLower(SHA256.HashData(png));
            // PNG data is compressed already: deflating it again costs time and saves nothing.
            await WriteEntryAsync(archive, imagePath, png, CompressionLevel.NoCompression, version.CreatedAt, cancellationToken);
        }

        var sidecarPath = stem + ".json";
        await WriteEntryAsync(archive, sidecarPath, System.Text.Encoding.UTF8.GetBytes(RecipeSidecar.Serialize(recipe)), CompressionLevel.Optimal, version.CreatedAt, cancellationToken);
        return new ManifestVersion(
            number, version.Id, version.Title, version.Note, version.CreatedAt, version.ParentVersionId, [],
            version.SavedByName, version.RanByName, version.ModelName, version.ModelFingerprint, version.Seed, version.Width, version.Height,
            imagePath, sidecarPath, imageSha, version.ImageHash, VersionJson.ReadContributors(version.ContributorsJson));
    }

    /// <summary>The stored image with the recipe embedded, as <see cref="VersionService.GetPngAsync"/> gives it.</summary>
    private async Task<byte[]?> ReadProvenancePngAsync(string hash, GenerationRecipe recipe, CancellationToken cancellationToken)
    {
        await using var stream = await images.OpenReadAsync(ImageHash.Parse(hash), cancellationToken);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return PngProvenanceWriter.Embed(buffer.ToArray(), recipe);
    }

    private static async Task WriteEntryAsync(
        ZipArchive archive, string name, byte[] bytes, CompressionLevel level, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = at;
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private async IAsyncEnumerable<ExportedTimelineEntry> ExportedTimelineAsync(Guid roomId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in timeline.ReadAsync(roomId, cancellationToken))
        {
            yield return new ExportedTimelineEntry(entry.At, entry.Until, entry.Kind.ToString(), entry.ActorId, entry.ActorName, entry.Text, entry.Details);
        }
    }

    private async Task WriteTimelineMarkdownAsync(ZipArchive archive, ManifestRoom room, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry("timeline.md", CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await writer.WriteAsync(TimelineMarkdown.Heading(room.Name));
        await foreach (var line in timeline.ReadAsync(room.Id, cancellationToken))
        {
            await writer.WriteAsync(TimelineMarkdown.Line(line));
        }

        await writer.FlushAsync(cancellationToken);
    }
}
