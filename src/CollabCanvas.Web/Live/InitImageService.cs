using CollabCanvas.Data.Images;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Rooms;

namespace CollabCanvas.Web.Live;

/// <summary>What a room's init image is: its name in the image store and its size.</summary>
public sealed record InitImageInfo(string Hash, int Width, int Height);

/// <summary>
/// A room's init image at the boundary, for the API and the room page alike: an upload is checked
/// (<see cref="ImageUploadValidator"/>: size, format by content, dimensions from the header before any decoding),
/// normalised to PNG, written to the content-addressed store, and only then named in the room's parameters (so the
/// room never names a missing image). Setting and clearing are the EditParameters action; reading it is ViewRoom.
/// </summary>
public sealed class InitImageService(
    RoomService rooms,
    IGrainFactory grains,
    IImageStore images,
    ImageUploadValidator validator,
    ILogger<InitImageService> logger)
{
    /// <summary>Checks, stores and sets an uploaded image. Reads at most a little past the size limit from <paramref name="upload"/>.</summary>
    public async Task<RoomResult<InitImageInfo>> UploadAsync(RoomActor actor, Guid roomId, Stream upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.EditParameters, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        var validated = await validator.ValidateAsync(upload, cancellationToken);
        if (!validated.IsAccepted)
        {
            return RoomResult<InitImageInfo>.Fail(RoomErrorKind.Invalid, validated.Error, "InitImage");
        }

        var png = UploadedImageNormalizer.ToPng(validated.Image);
        if (!png.IsAccepted)
        {
            return RoomResult<InitImageInfo>.Fail(RoomErrorKind.Invalid, png.Error, "InitImage");
        }

        return await StoreAndSetAsync(caller.Value!, roomId, png.Image.Bytes, png.Image.Width, png.Image.Height, cancellationToken);
    }

    /// <summary>One click: the room's last result becomes its init image.</summary>
    public async Task<RoomResult<InitImageInfo>> UseLastResultAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.EditParameters, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        var last = (await Grain(roomId).GetSnapshot()).LastResult;
        if (last is null)
        {
            return RoomResult<InitImageInfo>.Fail(RoomErrorKind.Conflict, "No image has been generated in this room yet.");
        }

        if (last.ContentType != "image/png")
        {
            return RoomResult<InitImageInfo>.Fail(RoomErrorKind.Conflict, "The last result is not a PNG image, so it cannot be the init image.");
        }

        return await StoreAndSetAsync(caller.Value!, roomId, last.Bytes, last.Width, last.Height, cancellationToken);
    }

    /// <summary>Back to txt2img (the image stays in the store until the start-up sweep finds nothing naming it).</summary>
    public async Task<RoomResult<bool>> ClearAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.EditParameters, cancellationToken);
        return caller.Succeeded ? ToResult(await Grain(roomId).SetInitImage(caller.Value!, null)) : caller.Error!;
    }

    /// <summary>Opens the room's current init image (PNG) for a member.</summary>
    public async Task<RoomResult<(Stream Png, string Hash)>> OpenAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default)
    {
        var caller = await rooms.AuthorizeCallerAsync(actor, roomId, RoomAction.ViewRoom, cancellationToken);
        if (!caller.Succeeded)
        {
            return caller.Error!;
        }

        var hashText = (await Grain(roomId).GetSnapshot()).Parameters.InitImageHash;
        if (hashText is null || !ImageHash.TryParse(hashText, out var hash))
        {
            return RoomResult<(Stream, string)>.Fail(RoomErrorKind.NotFound, "This room has no init image.");
        }

        return await images.OpenReadAsync(hash, cancellationToken) is { } png
            ? RoomResult<(Stream, string)>.Ok((png, hash.Value))
            : RoomResult<(Stream, string)>.Fail(RoomErrorKind.NotFound, "The room's init image is no longer stored; upload it again.");
    }

    private async Task<RoomResult<InitImageInfo>> StoreAndSetAsync(RoomCaller caller, Guid roomId, byte[] png, int width, int height, CancellationToken cancellationToken)
    {
        StoredImage stored;
        try
        {
            stored = await images.SaveAsync(png, cancellationToken);
        }
        catch (ArgumentException)
        {
            return RoomResult<InitImageInfo>.Fail(RoomErrorKind.Invalid, "Only PNG images can be stored.", "InitImage");
        }

        var info = new InitImageInfo(stored.Hash.Value, width, height);
        var set = ToResult(await Grain(roomId).SetInitImage(caller, new InitImageRef(info.Hash, width, height)));
        if (!set.Succeeded)
        {
            return set.Error!;
        }

        logger.LogInformation("Room {RoomId}: init image {Hash} ({Width}x{Height}) set by member {MemberId}", roomId, info.Hash, width, height, caller.MemberId);
        return RoomResult<InitImageInfo>.Ok(info);
    }

    private static RoomResult<bool> ToResult(RoomCommandResult result) => result.Refusal switch
    {
        RefusalKind.None => RoomResult<bool>.Ok(true),
        RefusalKind.Forbidden => RoomResult<bool>.Fail(RoomErrorKind.Forbidden, result.Error!),
        RefusalKind.Invalid => RoomResult<bool>.Fail(RoomErrorKind.Invalid, result.Error!),
        _ => RoomResult<bool>.Fail(RoomErrorKind.Conflict, result.Error!),
    };

    private IRoomGrain Grain(Guid roomId) => grains.GetGrain<IRoomGrain>(roomId);
}
