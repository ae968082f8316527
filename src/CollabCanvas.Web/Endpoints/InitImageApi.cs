using CollabCanvas.Web.Live;
using CollabCanvas.Web.Rooms;
using CollabCanvas.Web.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CollabCanvas.Web.Endpoints;

/// <summary>
/// A room's init image over HTTP: <c>POST</c> uploads one (multipart/form-data, one file), <c>GET</c> serves the
/// current one (PNG) to members, <c>DELETE</c> clears it. The checks live in <see cref="InitImageService"/>.
/// </summary>
/// <remarks>
/// A multipart POST is a request a browser sends cross-site without asking (a plain HTML form can make one), so
/// unlike the JSON endpoints it needs more than SameSite cookies: the upload must carry the
/// <see cref="RequiredHeader"/> header, which no form can set and which makes any cross-origin script's browser ask
/// first (CORS preflight, which this app never grants). The body is streamed, not buffered: the validator stops
/// reading just past the size limit.
/// </remarks>
public static class InitImageApi
{
    /// <summary>The header an upload must carry (any value).</summary>
    public const string RequiredHeader = "X-Requested-With";

    public static IEndpointRouteBuilder MapInitImageApi(this IEndpointRouteBuilder app)
    {
        var initImage = app.MapGroup("/api/rooms/{roomId:guid}/init-image").WithTags("Rooms");
        initImage.MapPost("/", Upload).DisableAntiforgery();
        initImage.MapPost("/from-last-result", UseLastResult);
        initImage.MapGet("/", Get);
        initImage.MapDelete("/", Clear);
        return app;
    }

    private static async Task<IResult> Upload(Guid roomId, HttpContext http, InitImageService initImages, CancellationToken cancellationToken)
    {
        if (!http.Request.Headers.ContainsKey(RequiredHeader))
        {
            return Invalid($"Send the header {RequiredHeader} with an upload: it shows the request does not come from another site's form.");
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Invalid("Send the image as multipart/form-data with one file field.");
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        MultipartSection? section;
        try
        {
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    return (await initImages.UploadAsync(http.User.ToRoomActor(), roomId, section.Body, cancellationToken)).ToHttpResult();
                }
            }
        }
        catch (InvalidDataException malformed)
        {
            return Invalid($"The multipart body is malformed: {malformed.Message}");
        }

        return Invalid("The request has no file: send the image as a file field of multipart/form-data.");
    }

    private static async Task<IResult> UseLastResult(Guid roomId, HttpContext http, InitImageService initImages, CancellationToken cancellationToken) =>
        (await initImages.UseLastResultAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static async Task<IResult> Get(Guid roomId, HttpContext http, InitImageService initImages, CancellationToken cancellationToken)
    {
        var opened = await initImages.OpenAsync(http.User.ToRoomActor(), roomId, cancellationToken);
        if (!opened.Succeeded)
        {
            return opened.Error!.ToProblem();
        }

        // Only members may see it, and it changes when someone sets another: revalidate every time (the ETag makes that cheap).
        http.Response.Headers.CacheControl = "private, no-cache";
        var (png, hash) = opened.Value;
        return TypedResults.Stream(png, "image/png", entityTag: new EntityTagHeaderValue($"\"{hash}\""));
    }

    private static async Task<IResult> Clear(Guid roomId, HttpContext http, InitImageService initImages, CancellationToken cancellationToken) =>
        (await initImages.ClearAsync(http.User.ToRoomActor(), roomId, cancellationToken)).ToHttpResult();

    private static IResult Invalid(string message) => new RoomError(RoomErrorKind.Invalid, message).ToProblem();
}
