using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using CollabCanvas.Web.Versions;

namespace CollabCanvas.Web.Endpoints;

/// <summary>
/// A room's saved versions over HTTP: save, list, read, retitle, restore into the room, and the files (PNG with provenance, JSON sidecar,
/// thumbnail). Authorization and the room-scoping of version ids live in <see cref="VersionService"/>.
/// </summary>
public static class VersionsApi
{
    public static IEndpointRouteBuilder MapVersionsApi(this IEndpointRouteBuilder app)
    {
        var versions = app.MapGroup("/api/rooms/{roomId:guid}/versions").WithTags("Versions");
        versions.MapPost("/", Save);
        versions.MapGet("/", List);
        versions.MapGet("/{versionId:guid}", Get);
        versions.MapPut("/{versionId:guid}", Edit);
        versions.MapPost("/{versionId:guid}/restore", Restore);
        versions.MapGet("/{versionId:guid}/image.png", Image);
        versions.MapGet("/{versionId:guid}/recipe.json", Recipe);
        versions.MapGet("/{versionId:guid}/thumbnail.png", Thumbnail);
        return app;
    }

    private static async Task<IResult> Save(Guid roomId, SaveVersionBody body, HttpContext http, VersionService versions, CancellationToken cancellationToken) =>
        (await versions.SaveAsync(http.User.ToRoomActor(), roomId, body.Title, cancellationToken)).ToHttpResult();

    private static async Task<IResult> List(Guid roomId, HttpContext http, VersionService versions, CancellationToken cancellationToken) =>
        (await versions.ListAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> Get(Guid roomId, Guid versionId, HttpContext http, VersionService versions, CancellationToken cancellationToken) =>
        (await versions.GetAsync(http.User.ToRoomActor(), roomId, versionId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> Edit(Guid roomId, Guid versionId, EditVersionBody body, HttpContext http, VersionService versions, CancellationToken cancellationToken) =>
        (await versions.EditTitleNoteAsync(http.User.ToRoomActor(), roomId, versionId, body.Title, body.Note, cancellationToken)).ToHttpResult();

    private static async Task<IResult> Restore(Guid roomId, Guid versionId, HttpContext http, VersionService versions, CancellationToken cancellationToken) =>
        (await versions.RestoreAsync(http.User.ToRoomActor(), roomId, versionId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> Image(Guid roomId, Guid versionId, HttpContext http, VersionService versions, CancellationToken cancellationToken)
    {
        var png = await versions.GetPngAsync(http.User.ToRoomActor(), roomId, versionId, cancellationToken);
        return png.Succeeded
            ? TypedResults.File(png.Value!, "image/png", $"version-{versionId:N}.png")
            : png.Error!.ToProblem();
    }

    private static async Task<IResult> Recipe(Guid roomId, Guid versionId, HttpContext http, VersionService versions, CancellationToken cancellationToken)
    {
        var json = await versions.GetRecipeJsonAsync(http.User.ToRoomActor(), roomId, versionId, cancellationToken);
        return json.Succeeded
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(json.Value!), "application/json", $"version-{versionId:N}.json")
            : json.Error!.ToProblem();
    }

    private static async Task<IResult> Thumbnail(Guid roomId, Guid versionId, HttpContext http, VersionService versions, CancellationToken cancellationToken)
    {
        var thumbnail = await versions.OpenThumbnailAsync(http.User.ToRoomActor(), roomId, versionId, cancellationToken);
        return thumbnail.Succeeded ? TypedResults.Stream(thumbnail.Value!, "image/png") : thumbnail.Error!.ToProblem();
    }
}
