using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>The room's init image: who may set it, what it does to the mask canvas, and which job Generate asks for.</summary>
[Collection(RoomClusterCollection.Name)]
public sealed class InitImageGrainTests(RoomClusterFixture fixture)
{
    private static readonly InitImageRef Photo = new(new string('a', 64), 640, 480);

    private static RoomCaller Person(string name, RoomRole role) => new(Guid.NewGuid(), name, role, false);

    private static MaskStroke Stroke() => new(Guid.NewGuid(), Guid.Empty, MaskTool.Brush, 8, [new(10, 10), new(40, 30)]);

    [Fact]
    public async Task Without_init_image_or_mask_the_job_is_txt2img()
    {
        var job = await GenerateAsync(fixture.NewRoom());

        Assert.Equal(RenderMode.TextToImage, job.Mode);
        Assert.Null(job.InitImage);
        Assert.Null(job.InitImageHash);
        Assert.Null(job.Mask);
    }

    [Fact]
    public async Task An_init_image_without_a_mask_makes_img2img_with_the_rooms_strength()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);
        await room.ChangeParameters(editor, new ParameterChange(Strength: 0.3));

        Assert.True((await room.SetInitImage(editor, Photo)).Succeeded);
        var job = await GenerateAsync(room);

        Assert.Equal(RenderMode.ImageToImage, job.Mode);
        Assert.Equal(Photo.Hash, job.InitImageHash);
        Assert.Null(job.InitImage); // the renderer loads it from the store
        Assert.Null(job.Mask);
        Assert.Equal(0.3, job.Parameters.Strength);
    }

    [Fact]
    public async Task An_init_image_with_a_mask_inpaints_the_init_image_not_the_last_result()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);
        await CompleteAJobAsync(room);
        await room.SetInitImage(editor, Photo);
        await room.AddStroke(editor, Stroke());

        var job = await GenerateAsync(room);

        Assert.Equal(RenderMode.Inpainting, job.Mode);
        Assert.Equal(Photo.Hash, job.InitImageHash);
        Assert.Null(job.InitImage);
        Assert.NotNull(job.Mask);
    }

    [Fact]
    public async Task Without_init_image_a_mask_inpaints_the_last_result_as_before()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);
        var last = await CompleteAJobAsync(room);
        await room.AddStroke(editor, Stroke());

        var job = await GenerateAsync(room);

        Assert.Equal(RenderMode.Inpainting, job.Mode);
        Assert.Null(job.InitImageHash);
        Assert.Equal(last.Bytes, job.InitImage);
        Assert.NotNull(job.Mask);
    }

    [Fact]
    public async Task Clearing_the_init_image_goes_back_to_txt2img_and_says_who_cleared_it()
    {
        var room = fixture.NewRoom();
        await room.SetInitImage(Person("Edda", RoomRole.Editor), Photo);

        Assert.True((await room.SetInitImage(Person("Fay", RoomRole.Facilitator), null)).Succeeded);
        var snapshot = await room.GetSnapshot();
        var job = await GenerateAsync(room);

        Assert.Null(snapshot.Parameters.InitImageHash);
        Assert.Equal("Fay", snapshot.ParametersChangedBy[nameof(RoomParameters.InitImageHash)]);
        Assert.Equal(RenderMode.TextToImage, job.Mode);
    }

    [Fact]
    public async Task Setting_it_is_published_with_who_set_it_and_the_empty_canvas_takes_its_size()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);

        await room.SetInitImage(Person("Edda", RoomRole.Editor), Photo);

        var changed = await observer.WaitForAsync<ParametersChanged>();
        Assert.Equal(Photo.Hash, changed.Parameters.InitImageHash);
        Assert.Equal("Edda", changed.ChangedBy[nameof(RoomParameters.InitImageHash)]);
        var resized = await observer.WaitForAsync<MaskCleared>();
        Assert.Equal((640, 480), (resized.Width, resized.Height));
        var snapshot = await room.GetSnapshot();
        Assert.Equal((640, 480), (snapshot.MaskWidth, snapshot.MaskHeight));
    }

    [Fact]
    public async Task A_result_does_not_resize_the_canvas_painted_over_the_init_image()
    {
        var room = fixture.NewRoom();
        await room.SetInitImage(Person("Edda", RoomRole.Editor), Photo);

        await CompleteAJobAsync(room); // a 64×64 result

        var snapshot = await room.GetSnapshot();
        Assert.Equal((640, 480), (snapshot.MaskWidth, snapshot.MaskHeight));
    }

    [Fact]
    public async Task Viewers_cannot_set_or_clear_it_and_nothing_changes()
    {
        var room = fixture.NewRoom();
        await room.SetInitImage(Person("Edda", RoomRole.Editor), Photo);
        var before = await room.GetSnapshot();

        var set = await room.SetInitImage(Person("Vic", RoomRole.Viewer), Photo with { Hash = new string('b', 64) });
        var cleared = await room.SetInitImage(Person("Vic", RoomRole.Viewer), null);

        Assert.Equal(RefusalKind.Forbidden, set.Refusal);
        Assert.Equal(RefusalKind.Forbidden, cleared.Refusal);
        Assert.Equal("Only a Editor or above may do this; you are a Viewer.", set.Error);
        var after = await room.GetSnapshot();
        Assert.Equal(before.Parameters, after.Parameters);
        Assert.Equal(before.Revision, after.Revision);
    }

    [Theory]
    [InlineData("../../etc/passwd", 10, 10)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 10, 10)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 10)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 10, 4097)]
    public async Task A_malformed_reference_is_refused_with_a_message(string hash, int width, int height)
    {
        var room = fixture.NewRoom();

        var result = await room.SetInitImage(Person("Edda", RoomRole.Editor), new InitImageRef(hash, width, height));

        Assert.Equal(RefusalKind.Invalid, result.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Null((await room.GetSnapshot()).Parameters.InitImageHash);
    }

    [Fact]
    public async Task The_init_image_survives_a_restart_with_the_other_parameters()
    {
        var room = fixture.NewRoom();
        await room.SetInitImage(Person("Edda", RoomRole.Editor), Photo);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!(fixture.Store.Saved.TryGetValue(room.GetPrimaryKey(), out var saved) && saved.Parameters.InitImageHash == Photo.Hash))
        {
            Assert.True(DateTime.UtcNow < deadline, "the init image was not saved");
            await Task.Delay(20);
        }

        Assert.Equal("Edda", fixture.Store.Saved[room.GetPrimaryKey()].ParametersChangedBy[nameof(RoomParameters.InitImageHash)]);
    }

    [Fact]
    public async Task Setting_and_clearing_it_are_in_the_timeline()
    {
        var room = fixture.NewRoom();
        await room.SetInitImage(Person("Edda", RoomRole.Editor), Photo);
        await room.SetInitImage(Person("Fay", RoomRole.Facilitator), null);
        await room.FlushTimeline();

        var texts = fixture.Timeline.Of(room.GetPrimaryKey()).Select(entry => entry.Text).ToList();
        Assert.Contains("Edda changed the init image: none → image aaaaaaaaaaaa", texts);
        Assert.Contains("Fay changed the init image: image aaaaaaaaaaaa → none", texts);
    }

    [Fact]
    public async Task Parameter_changes_cannot_touch_the_init_image()
    {
        var room = fixture.NewRoom();
        var editor = Person("Edda", RoomRole.Editor);
        await room.SetInitImage(editor, Photo);

        await room.ChangeParameters(editor, new ParameterChange(Steps: 7));

        Assert.Equal(Photo.Hash, (await room.GetSnapshot()).Parameters.InitImageHash);
    }

    private async Task<RenderJob> GenerateAsync(IRoomGrain room)
    {
        var result = await room.Generate(Person("Runner", RoomRole.Editor));
        Assert.True(result.Succeeded, result.Error);
        return fixture.Renderer.JobsFor(room.GetPrimaryKey()).Last();
    }

    private async Task<RoomImage> CompleteAJobAsync(IRoomGrain room)
    {
        var job = await GenerateAsync(room);
        var image = new RoomImage([1, 2, 3], "image/png", 64, 64);
        await room.ReportRender(job.JobId, new RenderCompleted(image, 1, TimeSpan.FromMilliseconds(5)));
        return image;
    }
}
