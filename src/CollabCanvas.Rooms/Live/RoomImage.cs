namespace CollabCanvas.Rooms.Live;

/// <summary>An encoded image (a preview frame or a result). Immutable: one copy is shared by every subscriber.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomImage(
    [property: Id(0)] byte[] Bytes,
    [property: Id(1)] string ContentType,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height);
