using System.Net;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace CollabCanvas.Web.Tests.Integration;

/// <summary>
/// The room path end to end on the engine's oracle fixture: an uploaded init image travels by hash through the
/// grain, the renderer reads it from the store, and the engine gets the room's strength and mask. What the engine
/// does with them (img2img closeness on a real model, mask blending) is proven in CollabCanvas.Engine.Tests; here
/// the oracle makes the room's part exact: img2img runs strength × steps, and inpainting keeps the unmasked half
/// of the uploaded picture pixel for pixel.
/// </summary>
public sealed class InitImageRenderTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int Tolerance = 2;

    private static readonly byte[] OracleInit = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "expected", "oracle", "init.png"));

    private static readonly RoomCaller Runner = new(Guid.NewGuid(), "Runner", RoomRole.Editor, false);

    [Theory]
    [InlineData(0.3, 3)]
    [InlineData(1.0, 10)]
    public async Task Img2img_from_the_uploaded_image_runs_the_rooms_strength_of_the_steps(double strength, int expectedSteps)
    {
        var grain = await RoomWithInitImageAsync(strength);

        var done = await GenerateAsync(grain);

        Assert.True(done.State == GenerationState.Completed, done.Message);
        // txt2img would run all 10 steps whatever the strength: fewer means the engine started from the init image.
        Assert.Equal(expectedSteps, done.TotalSteps);
        var result = (await grain.GetSnapshot()).LastResult!;
        Assert.Equal((32, 32), (result.Width, result.Height)); // the init image's size: the room sets none
    }

    [Fact]
    public async Task Inpainting_keeps_the_uploaded_image_outside_the_painted_mask()
    {
        var grain = await RoomWithInitImageAsync(strength: 1.0);
        // The left half, painted over the 32×32 init image (the canvas took its size).
        var stroke = await grain.AddStroke(Runner, new MaskStroke(Guid.NewGuid(), Guid.Empty, MaskTool.Brush, 16, [new(8, 0), new(8, 32)]));
        Assert.True(stroke.Succeeded, stroke.Error);

        var done = await GenerateAsync(grain);

        Assert.True(done.State == GenerationState.Completed, done.Message);
        var result = (await grain.GetSnapshot()).LastResult!.Bytes;
        Assert.InRange(MaxDifference(result, OracleInit, fromColumn: 16), 0, Tolerance);
        Assert.True(MaxDifference(result, OracleInit, fromColumn: 0, toColumn: 12) > 20, "the masked half was repainted");
    }

    [Fact]
    public async Task A_render_whose_init_image_left_the_store_fails_with_a_message()
    {
        var grain = await RoomWithInitImageAsync(strength: 0.5);
        var hash = (await grain.GetSnapshot()).Parameters.InitImageHash!;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "images"), hash + "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        var done = await GenerateAsync(grain);

        Assert.Equal(GenerationState.Failed, done.State);
        Assert.Equal("The room's init image is no longer stored: upload it again or clear it.", done.Message);
    }

    /// <summary>A room whose Editor uploaded the oracle's init image over HTTP, with a recipe the oracle answers exactly.</summary>
    private async Task<IRoomGrain> RoomWithInitImageAsync(double strength)
    {
        var owner = await People.RegisterAsync(app, "Ines");
        var room = await People.CreateRoomAsync(app, owner);
        var upload = await owner.Client.SendAsync(UploadImages.UploadRequest(room.Id, OracleInit));
        Assert.True(upload.StatusCode == HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(room.Id);
        await grain.EditPrompt(Runner, PromptField.Prompt, new PromptEdit(Guid.NewGuid(), 0, TextOperation.Insert(0, 0, "target")));
        var changed = await grain.ChangeParameters(Runner, new ParameterChange(Model: "oracle", Scheduler: "ddim", Steps: 10, Guidance: 1, Seed: 8, Strength: strength));
        Assert.True(changed.Succeeded, changed.Error);
        return grain;
    }

    private static async Task<GenerationStatus> GenerateAsync(IRoomGrain grain)
    {
        var started = await grain.Generate(Runner);
        Assert.True(started.Succeeded, started.Error);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if ((await grain.GetSnapshot()).Generation is { IsActive: false } done)
            {
                return done;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The render did not finish in 120 s.");
    }

    /// <summary>The largest per-channel difference between two same-sized images over a band of columns.</summary>
    private static int MaxDifference(byte[] a, byte[] b, int fromColumn, int toColumn = int.MaxValue)
    {
        using var first = Image.Load<Rgb24>(a);
        using var second = Image.Load<Rgb24>(b);
        Assert.Equal((second.Width, second.Height), (first.Width, first.Height));
        var max = 0;
        for (var y = 0; y < first.Height; y++)
        {
            for (var x = fromColumn; x < Math.Min(toColumn, first.Width); x++)
            {
                var (p, q) = (first[x, y], second[x, y]);
                max = Math.Max(max, Math.Max(Math.Abs(p.R - q.R), Math.Max(Math.Abs(p.G - q.G), Math.Abs(p.B - q.B))));
            }
        }

        return max;
    }
}
