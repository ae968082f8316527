using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Live;

namespace CollabCanvas.Web.Tests.Live;

/// <summary>A preview becomes a data URL at most once per node, and only when a circuit asks for it.</summary>
public sealed class LocalRoomEventTests
{
    private static GenerationProgress Step(RoomImage? preview) => new(
        3, new GenerationStatus(Guid.NewGuid(), Guid.NewGuid(), "Ada", GenerationState.Running, 1, 20, TimeSpan.Zero, 0, null, null), preview);

    [Fact]
    public void The_data_url_is_made_on_first_use_and_shared_after()
    {
        var local = LocalRoomEvent.From(Step(new RoomImage([0x89, (byte)'P', (byte)'N', (byte)'G'], "image/png", 1, 1)));

        Assert.False(local.HasEncodedImage); // a hub-only node sends the bytes and never reaches this
        var first = local.ImageDataUrl;
        Assert.True(local.HasEncodedImage);
        Assert.Equal("data:image/png;base64,iVBORw==", first);
        Assert.Same(first, local.ImageDataUrl);
    }

    [Fact]
    public void A_step_without_a_preview_has_no_data_url()
    {
        Assert.Null(LocalRoomEvent.From(Step(null)).ImageDataUrl);
    }
}
