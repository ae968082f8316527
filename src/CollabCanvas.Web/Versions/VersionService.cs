using CollabCanvas.Data;
using CollabCanvas.Data.Entities;
using CollabCanvas.Data.Images;
using CollabCanvas.Data.Provenance;
using CollabCanvas.Data.Rooms;
using CollabCanvas.Engine;
using CollabCanvas.Engine.Models;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Rooms.Timeline;
using CollabCanvas.Rooms.Versions;
using CollabCanvas.Web.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Versions;

/// <summary>
/// The facade for a room's saved versions, for components and the API alike. Every call asks
/// <see cref="RoomService"/> (the one authorization gate) first; a version is always looked up together with its
/// room, so an id from another room answers "not found" and never that room's data.
/// </summary>
public sealed class VersionService(
    RoomService rooms,
    IGrainFactory grains,
    IDbContextFactory<AppDbContext> dbFactory,
    IImageStore images,
    ModelCatalog catalog,
    IOptions<EngineOptions> engine,
    TimeProvider time,
    ILogger<VersionService> logger)
{
    private const string NotFoundMessage = "This room has no such version.";

    /// <summary>
    /// Saves the room's last result with its recipe and credits. The PNG is stored first (written, flushed, renamed)
    /// and the row committed after, in one transaction: an interrupted save leaves a complete version or none (an
    /// image without a row is swept later).
    /// </summary>
    public async Task<RoomResult<VersionDetails>> SaveAsync(RoomActor actor, Guid roomId, string? title, CancellationToken cancellationToken = default)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.SaveVersion, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        var (cleanTitle, titleError) = VersionTexts.CheckTitle(title);
        if (titleError is not null)
        {
            return RoomResult<VersionDetails>.Fail(RoomErrorKind.Invalid, titleError, "Title");
        }

        // The recipe is the one the image was made with (kept by the room when the run finished), so edits since and a
        // run in progress now do not leak into it.
        var grain = grains.GetGrain<IRoomGrain>(roomId);
        if (await grain.GetFinishedRun() is not { } run)
        {
            return RoomResult<VersionDetails>.Fail(RoomErrorKind.Conflict, "There is no finished image to save yet: generate one first.");
        }

        var image = run.Result;
        var present = (await grain.GetSnapshot()).Present;

        StoredImage stored;
        try
        {
            stored = await images.SaveAsync(image.Bytes, cancellationToken);
        }
        catch (ArgumentException)
        {
            return RoomResult<VersionDetails>.Fail(RoomErrorKind.Conflict, "The room's last image is not a PNG and cannot be saved.");
        }

        var (maskHash, initHash) = await StoreRunInputsAsync(run, cancellationToken);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.RoomMembers.AsNoTracking()
            .Where(member => member.RoomId == roomId)
            .ToDictionaryAsync(member => member.Id, member => member.DisplayName, cancellationToken);
        var parent = await ParentOfAsync(db, roomId, run.Recipe.OriginVersionId, initHash, cancellationToken);
        var version = NewVersion(roomId, caller.Value!, run.Recipe, present, image, stored.Hash, cleanTitle!, names, parent);
        version.MaskImageHash = maskHash;
        version.InitImageHash = initHash;
        db.RoomVersions.Add(version);
        // The timeline's entry commits with the version: a save is in the history exactly when it happened.
        db.AddTimelineEntry(roomId, TimelineEntries.VersionSaved(version.CreatedAt, caller.Value!, version.Id, version.Title));
        await db.SaveChangesAsync(cancellationToken);
        await NotifyVersionsChangedAsync(roomId, version.Id);
        return RoomResult<VersionDetails>.Ok(ToDetails(version, []));
    }

    /// <summary>
    /// Puts the version's recipe back into the room as one change by <paramref name="actor"/>: both prompts with the
    /// authors they had, the parameters (with the seed, model and scheduler that actually ran, so Generate makes the
    /// same image) and the mask strokes. Later versions from the room name this one as their parent.
    /// </summary>
    public async Task<RoomResult<VersionDetails>> RestoreAsync(RoomActor actor, Guid roomId, Guid versionId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(actor, roomId, versionId, RoomAction.RestoreVersion, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (caller, version) = found.Value;
        var details = ToDetails(version, []);
        var result = await grains.GetGrain<IRoomGrain>(roomId).RestoreVersion(caller, VersionRestore.RecipeOf(details));
        if (!result.Succeeded)
        {
            return RoomResult<VersionDetails>.Fail(
                result.Refusal switch
                {
                    RefusalKind.Forbidden => RoomErrorKind.Forbidden,
                    RefusalKind.Invalid => RoomErrorKind.Conflict, // the stored version, not the request, is what does not fit
                    _ => RoomErrorKind.Conflict,
                },
                result.Error!);
        }

        await NotifyVersionsChangedAsync(roomId, versionId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return RoomResult<VersionDetails>.Ok(details with { Edits = await EditsOfAsync(db, versionId, cancellationToken) });
    }

    /// <summary>The room's versions, newest first.</summary>
    public async Task<RoomResult<IReadOnlyList<VersionSummary>>> ListAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.ViewRoom, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.RoomVersions.AsNoTracking()
            .Where(version => version.RoomId == roomId)
            .OrderByDescending(version => version.CreatedAt)
            .ToListAsync(cancellationToken);
        return RoomResult<IReadOnlyList<VersionSummary>>.Ok(versions.Select(ToSummary).ToList());
    }

    public async Task<RoomResult<VersionDetails>> GetAsync(RoomActor actor, Guid roomId, Guid versionId, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(actor, roomId, versionId, RoomAction.ViewRoom, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var edits = await EditsOfAsync(db, versionId, cancellationToken);
        return RoomResult<VersionDetails>.Ok(ToDetails(found.Value.Version, edits));
    }

    /// <summary>Changes the title and/or note (the saver or a Facilitator), recording the change.</summary>
    public async Task<RoomResult<VersionDetails>> EditTitleNoteAsync(
        RoomActor actor, Guid roomId, Guid versionId, string? title, string? note, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(actor, roomId, versionId, RoomAction.EditVersionNote, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (caller, version) = found.Value;
        if (!VersionNoteRule.MayEdit(caller.Role, caller.MemberId, version.SavedByMemberId))
        {
            return RoomResult<VersionDetails>.Fail(RoomErrorKind.Forbidden, VersionNoteRule.Refusal);
        }

        var (newTitle, titleError) = title is null ? (version.Title, null) : VersionTexts.CheckTitle(title);
        var (newNote, noteError) = note is null ? (version.Note, null) : VersionTexts.CheckNote(note);
        if (titleError is not null || noteError is not null)
        {
            return RoomResult<VersionDetails>.Fail(RoomErrorKind.Invalid, titleError ?? noteError!, titleError is null ? "Note" : "Title");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (newTitle != version.Title || newNote != version.Note)
        {
            db.RoomVersions.Attach(version);
            db.RoomVersionEdits.Add(new RoomVersionEdit
            {
                Id = Guid.NewGuid(),
                VersionId = version.Id,
                EditedByMemberId = caller.MemberId,
                EditedByName = caller.DisplayName,
                EditedAt = time.GetUtcNow(),
                OldTitle = version.Title,
                NewTitle = newTitle!,
                OldNote = version.Note,
                NewNote = newNote!,
            });
            version.Title = newTitle!;
            version.Note = newNote!;
            // The change and its record commit together, so no edit goes unrecorded.
            await db.SaveChangesAsync(cancellationToken);
            await NotifyVersionsChangedAsync(roomId, versionId);
        }

        return RoomResult<VersionDetails>.Ok(ToDetails(version, await EditsOfAsync(db, versionId, cancellationToken)));
    }

    /// <summary>The PNG as downloaded: the stored pixels with the recipe in a <c>parameters</c> chunk and XMP.</summary>
    public async Task<RoomResult<byte[]>> GetPngAsync(RoomActor actor, Guid roomId, Guid versionId, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(actor, roomId, versionId, RoomAction.ViewRoom, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var version = found.Value.Version;
        await using var stream = await images.OpenReadAsync(ImageHash.Parse(version.ImageHash), cancellationToken)
            ?? throw new InvalidOperationException($"Version {version.Id} names image {version.ImageHash}, which the store lacks.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return RoomResult<byte[]>.Ok(PngProvenanceWriter.Embed(buffer.ToArray(), VersionRecipes.From(version)));
    }

    /// <summary>The JSON sidecar of the version's recipe.</summary>
    public async Task<RoomResult<string>> GetRecipeJsonAsync(RoomActor actor, Guid roomId, Guid versionId, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(actor, roomId, versionId, RoomAction.ViewRoom, cancellationToken);
        return found.Succeeded ? RoomResult<string>.Ok(RecipeSidecar.Serialize(VersionRecipes.From(found.Value.Version))) : found.Error!;
    }

    /// <summary>A small PNG of the version for galleries (made once by the image store, then kept).</summary>
    public async Task<RoomResult<Stream>> OpenThumbnailAsync(RoomActor actor, Guid roomId, Guid versionId, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(actor, roomId, versionId, RoomAction.ViewRoom, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var thumbnail = await images.OpenThumbnailAsync(ImageHash.Parse(found.Value.Version.ImageHash), cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException($"Version {versionId} names an image the store lacks.");
        return RoomResult<Stream>.Ok(thumbnail);
    }

    /// <summary>
    /// Lets every gallery of the room reload. The change is committed already, so a room that cannot be told (a silo
    /// going down) must not turn it into a failure: it is logged, and galleries still have their Refresh button.
    /// </summary>
    private async Task NotifyVersionsChangedAsync(Guid roomId, Guid versionId)
    {
        try
        {
            await grains.GetGrain<IRoomGrain>(roomId).NotifyVersionsChanged(versionId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Telling room {RoomId} that version {VersionId} changed failed; its galleries update on Refresh", roomId, versionId);
        }
    }

    private async Task<RoomResult<(RoomCaller Caller, RoomVersion Version)>> FindAsync(
        RoomActor actor, Guid roomId, Guid versionId, RoomAction action, CancellationToken cancellationToken)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, action, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Both keys in one query: a version of another room is simply not found here.
        var version = await db.RoomVersions.AsNoTracking()
            .SingleOrDefaultAsync(candidate => candidate.Id == versionId && candidate.RoomId == roomId, cancellationToken);
        return version is null
            ? RoomResult<(RoomCaller, RoomVersion)>.Fail(RoomErrorKind.NotFound, NotFoundMessage)
            : RoomResult<(RoomCaller, RoomVersion)>.Ok((caller.Value!, version));
    }

    /// <summary>
    /// Stores what the run started from, before the row that names it commits: the rasterised mask when it inpainted
    /// (the same PNG the engine got) and the image it started from when the room held its bytes (its previous result).
    /// An uploaded init image is in the store already; the recipe names it by hash.
    /// </summary>
    private async Task<(string? MaskHash, string? InitHash)> StoreRunInputsAsync(FinishedRun run, CancellationToken cancellationToken)
    {
        var recipe = run.Recipe;
        string? maskHash = null;
        if (recipe.Strokes.Count > 0)
        {
            var mask = MaskRasterizer.RasterizePng(recipe.Strokes, recipe.MaskWidth, recipe.MaskHeight);
            maskHash = (await images.SaveAsync(mask, cancellationToken)).Hash.Value;
        }

        var initHash = recipe.Parameters.InitImageHash;
        if (initHash is null && run.InitImage is { } initBytes)
        {
            try
            {
                initHash = (await images.SaveAsync(initBytes, cancellationToken)).Hash.Value;
            }
            catch (ArgumentException)
            {
                // Not a PNG (never from the engine): the version is still worth keeping without it.
                initHash = null;
            }
        }

        return (maskHash, initHash);
    }

    /// <summary>
    /// The version a new one was made from: the version the room was restored from before its run, or else the
    /// version of this room whose image the run started from (inpainting or img2img over a saved image). Looked up
    /// rather than trusted: the room only remembers ids and hashes.
    /// </summary>
    private static async Task<Guid?> ParentOfAsync(AppDbContext db, Guid roomId, Guid? originVersionId, string? initHash, CancellationToken cancellationToken)
    {
        if (originVersionId is { } origin
            && await db.RoomVersions.AnyAsync(version => version.Id == origin && version.RoomId == roomId, cancellationToken))
        {
            return origin;
        }

        if (initHash is null)
        {
            return null;
        }

        return await db.RoomVersions.AsNoTracking()
            .Where(version => version.RoomId == roomId && version.ImageHash == initHash)
            .OrderBy(version => version.CreatedAt)
            .Select(version => (Guid?)version.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<VersionEditRecord>> EditsOfAsync(AppDbContext db, Guid versionId, CancellationToken cancellationToken) =>
        (await db.RoomVersionEdits.AsNoTracking()
            .Where(edit => edit.VersionId == versionId)
            .OrderBy(edit => edit.EditedAt)
            .ToListAsync(cancellationToken))
        .Select(edit => new VersionEditRecord(edit.EditedByName, edit.EditedAt, edit.OldTitle, edit.NewTitle, edit.OldNote, edit.NewNote))
        .ToList();

    private RoomVersion NewVersion(
        Guid roomId, RoomCaller saver, RunRecipe recipe, IReadOnlyList<PresentMember> present, RoomImage image, ImageHash hash, string title,
        IReadOnlyDictionary<Guid, string> names, Guid? parentVersionId)
    {
        var credits = VersionAttribution.Compute(recipe.Prompt, recipe.NegativePrompt, recipe.Strokes, recipe.RanBy, saver.MemberId);
        var colors = present.ToDictionary(member => member.MemberId, member => member.ColorIndex);
        var contributors = credits
            .Select((credit, order) => new VersionContributor(
                credit.MemberId,
                credit.MemberId == saver.MemberId ? saver.DisplayName
                    : credit.MemberId == recipe.RanBy ? recipe.RanByName
                    : names.GetValueOrDefault(credit.MemberId, "A former participant"),
                // Absent people keep a distinct colour: after everyone present, in credit order.
                colors.TryGetValue(credit.MemberId, out var color) ? color : colors.Count + order,
                credit.PromptCharacters,
                credit.PromptShare,
                credit.NegativePromptCharacters,
                credit.MaskStrokes,
                credit.Ran,
                credit.Saved))
            .ToList();

        // The renderer runs the first installed model when the room names none; record the same choice.
        var modelName = recipe.Model ?? recipe.Parameters.Model ?? catalog.Models.FirstOrDefault(model => model.IsAvailable)?.Name ?? "";
        var fingerprint = catalog.Models.FirstOrDefault(model => model.Name == modelName)?.Fingerprint;
        return new RoomVersion
        {
            Id = Guid.NewGuid(),
            RoomId = roomId,
            ImageHash = hash.Value,
            Width = image.Width,
            Height = image.Height,
            Title = title,
            Note = "",
            CreatedAt = time.GetUtcNow(),
            SavedByMemberId = saver.MemberId,
            SavedByName = saver.DisplayName,
            RanByMemberId = recipe.RanBy,
            RanByName = recipe.RanByName,
            ModelName = modelName,
            ModelFingerprint = string.IsNullOrEmpty(fingerprint) ? null : fingerprint,
            Scheduler = recipe.Parameters.Scheduler ?? engine.Value.DefaultScheduler,
            Prompt = recipe.Prompt.Text,
            PromptAuthorsJson = VersionJson.Write(recipe.Prompt.Authors),
            NegativePrompt = recipe.NegativePrompt.Text,
            NegativePromptAuthorsJson = VersionJson.Write(recipe.NegativePrompt.Authors),
            ParametersJson = VersionJson.Write(recipe.Parameters),
            Seed = recipe.Seed ?? recipe.Parameters.Seed,
            StrokesJson = VersionJson.Write(recipe.Strokes),
            ContributorsJson = VersionJson.Write(contributors),
            ParentVersionId = parentVersionId,
            GenerationMilliseconds = (long)recipe.Elapsed.TotalMilliseconds,
        };
    }

    private static VersionSummary ToSummary(RoomVersion version) =>
        new(version.Id, version.RoomId, version.Title, version.CreatedAt, version.SavedByName, version.Width, version.Height,
            version.ParentVersionId, VersionJson.ReadContributors(version.ContributorsJson));

    private static VersionDetails ToDetails(RoomVersion version, IReadOnlyList<VersionEditRecord> edits) =>
        new(
            ToSummary(version),
            version.Note,
            version.SavedByMemberId,
            version.RanByMemberId,
            version.RanByName,
            version.ModelName,
            version.ModelFingerprint,
            version.Scheduler,
            new PromptSnapshot(0, version.Prompt, VersionJson.ReadSpans(version.PromptAuthorsJson)),
            new PromptSnapshot(0, version.NegativePrompt, VersionJson.ReadSpans(version.NegativePromptAuthorsJson)),
            VersionJson.ReadParameters(version.ParametersJson),
            version.Seed,
            VersionJson.ReadStrokes(version.StrokesJson),
            version.GenerationMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            edits,
            version.MaskImageHash,
            version.InitImageHash);
}
