using System.Net.Http.Json;
using CollabCanvas.Data.Images;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static CollabCanvas.Web.Tests.Integration.VersionTests;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>
/// A version of an inpainting run keeps what the run started from: the rasterised mask and the image it painted
/// over, both in the image store, and names the version whose image that was as its parent. Jobs are held and
/// finished by hand, so the images are known exactly.
/// </summary>
public sealed class VersionInputsTests(VersionInputsTests.HeldApp app) : IClassFixture<VersionInputsTests.HeldApp>
{
    [Fact]
    public async Task An_inpainting_version_records_its_mask_and_init_image_and_its_parent()
    {
        var fay = await People.RegisterAsync(app, "Fay");
        var room = await People.CreateRoomAsync(app, fay);
        var first = Png(64, 10);
        await FinishRunAsync(fay, room.Id, first);
        using var saved = await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Base" }));
        var baseId = saved.RootElement.GetProperty("summary").GetProperty("id").GetGuid();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, saved.RootElement.GetProperty("maskImageHash").ValueKind);
        await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/mask/strokes", new
        {
            id = Guid.NewGuid(),
            tool = "Brush",
            size = 8,
            points = new[] { new { x = 10, y = 10 }, new { x = 40, y = 30 } },
        }));

        await FinishRunAsync(fay, room.Id, Png(64, 200));
        using var inpainted = await Ok(fay.Client.PostAsJsonAsync($"/api/rooms/{room.Id}/versions", new { title = "Inpainted" }));

        var version = inpainted.RootElement;
        Assert.Equal(baseId, version.GetProperty("summary").GetProperty("parentVersionId").GetGuid());
        Assert.Equal(ImageHash.Compute(first).Value, version.GetProperty("initImageHash").GetString());
        var strokes = (await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(room.Id).GetSnapshot()).Strokes;
        var mask = ImageHash.Compute(MaskRasterizer.RasterizePng(strokes, 64, 64));
        Assert.Equal(mask.Value, version.GetProperty("maskImageHash").GetString());
        var store = app.Services.GetRequiredService<IImageStore>();
        Assert.True(store.Contains(mask), "the mask is in the image store");
        Assert.True(store.Contains(ImageHash.Compute(first)), "the init image is in the image store");
    }

    /// <summary>Fay generates; the held job completes with <paramref name="png"/>, as the engine would.</summary>
    private async Task FinishRunAsync(Person runner, Guid roomId, byte[] png)
    {
        await Ok(runner.Client.PostAsync($"/api/rooms/{roomId}/generate", null));
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(roomId);
        var job = (await grain.GetSnapshot()).Generation!;
        await grain.ReportRender(job.JobId, new RenderCompleted(new RoomImage(png, "image/png", 64, 64), 7, TimeSpan.FromSeconds(1), "held-model"));
    }

    private static byte[] Png(int side, byte shade)
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(side, side, new SixLabors.ImageSharp.PixelFormats.Rgba32(shade, shade, shade, 255));
        using var bytes = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, bytes);
        return bytes.ToArray();
    }

    /// <summary>The app with a renderer that holds every job, so the test finishes them.</summary>
    public sealed class HeldApp : AppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IRoomRenderer, HoldingRenderer>());
        }
    }
}
