using CollabCanvas.Web.Export;
using CollabCanvas.Web.Security;

namespace CollabCanvas.Web.Endpoints;

/// <summary><c>GET /api/rooms/{roomId}/export.zip</c>: the whole session as a zip, streamed as it is made.</summary>
public static class SessionExportApi
{
    public static IEndpointRouteBuilder MapSessionExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/rooms/{roomId:guid}/export.zip", Export).WithTags("Versions");
        return app;
    }

    private static async Task<IResult> Export(Guid roomId, HttpContext http, SessionExportService exports, CancellationToken cancellationToken)
    {
        // Authorization and listing happen before the first byte, so a refusal is a normal problem response.
        var export = await exports.PrepareAsync(http.User.ToRoomActor(), roomId, cancellationToken);
        if (!export.Succeeded)
        {
            return export.Error!.ToProblem();
        }

        return TypedResults.Stream(
            async body =>
            {
                try
                {
                    await export.Value!.WriteAsync(body, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The client went away; there is no one to tell.
                }
            },
            "application/zip",
            export.Value!.FileName);
    }
}
