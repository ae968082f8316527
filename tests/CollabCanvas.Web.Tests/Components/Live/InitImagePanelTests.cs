using Bunit;
using CollabCanvas.Web.Components.Rooms.Live;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Rooms;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor.Services;

namespace CollabCanvas.Web.Tests.Components.Live;

/// <summary>The init image panel: upload, the thumbnail with who set it, one-click "use last result", clear, and errors.</summary>
public sealed class InitImagePanelTests : BunitContext, IAsyncLifetime
{
    private static readonly InitImageInfo Info = new(new string('a', 64), 16, 12);

    private readonly List<byte[]> _uploads = [];
    private int _usedLastResult;
    private int _cleared;

    public InitImagePanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private IRenderedComponent<InitImagePanel> RenderPanel(
        bool canEdit = true, string? imageUrl = null, string? changedBy = null, bool hasLastResult = true, string? uploadError = null) =>
        Render<InitImagePanel>(p => p
            .Add(x => x.CanEdit, canEdit).Add(x => x.ImageUrl, imageUrl).Add(x => x.ChangedBy, changedBy)
            .Add(x => x.HasLastResult, hasLastResult).Add(x => x.Strength, 0.3)
            .Add(x => x.OnUpload, async upload =>
            {
                using var copy = new MemoryStream();
                await upload.CopyToAsync(copy);
                _uploads.Add(copy.ToArray());
                return uploadError is null ? RoomResult<InitImageInfo>.Ok(Info) : RoomResult<InitImageInfo>.Fail(RoomErrorKind.Invalid, uploadError);
            })
            .Add(x => x.OnUseLastResult, () =>
            {
                _usedLastResult++;
                return Task.FromResult(RoomResult<InitImageInfo>.Ok(Info));
            })
            .Add(x => x.OnClear, () =>
            {
                _cleared++;
                return Task.FromResult(RoomResult<bool>.Ok(true));
            }));

    [Fact]
    public void A_chosen_file_is_sent_whole_to_the_room_and_no_error_shows()
    {
        var panel = RenderPanel();
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "photo.png", contentType: "image/png"));

        panel.WaitForAssertion(() => Assert.Equal(bytes, Assert.Single(_uploads)));
        Assert.Empty(panel.FindAll("[data-testid=init-image-error]"));
    }

    [Fact]
    public void A_refused_file_shows_the_rooms_message()
    {
        var panel = RenderPanel(uploadError: "GIF images are not accepted. Upload a PNG, JPEG or WebP image.");

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([1, 2, 3], "cat.gif"));

        panel.WaitForAssertion(() => Assert.Equal(
            "GIF images are not accepted. Upload a PNG, JPEG or WebP image.", panel.Find("[data-testid=init-image-error]").TextContent.Trim()));
    }

    [Fact]
    public void The_current_image_shows_as_a_thumbnail_with_who_set_it()
    {
        var panel = RenderPanel(imageUrl: "/api/rooms/1/init-image?v=abc", changedBy: "Edda <b>");

        Assert.Equal("/api/rooms/1/init-image?v=abc", panel.Find("[data-testid=init-image-thumb]").GetAttribute("src"));
        Assert.Contains("Set by Edda <b>.", panel.Find("[data-testid=init-image-by]").TextContent);
        Assert.DoesNotContain("<b>", panel.Find("[data-testid=init-image-by]").InnerHtml.Replace("&lt;b&gt;", ""));
        Assert.Contains("strength 0.3", panel.Find("[data-testid=init-image-by]").TextContent);
    }

    [Fact]
    public void Use_last_result_and_clear_call_the_room()
    {
        var panel = RenderPanel(imageUrl: "/img");

        panel.Find("[data-testid=init-image-from-result]").Click();
        panel.Find("[data-testid=init-image-clear]").Click();

        Assert.Equal((1, 1), (_usedLastResult, _cleared));
    }

    [Fact]
    public void Without_an_image_or_a_result_there_is_nothing_to_clear_or_reuse()
    {
        var panel = RenderPanel(hasLastResult: false);

        Assert.NotNull(panel.Find("[data-testid=init-image-none]"));
        Assert.True(panel.Find("[data-testid=init-image-clear]").HasAttribute("disabled"));
        Assert.True(panel.Find("[data-testid=init-image-from-result]").HasAttribute("disabled"));
    }

    [Fact]
    public void Viewers_see_the_image_but_no_controls()
    {
        var panel = RenderPanel(canEdit: false, imageUrl: "/img");

        Assert.NotNull(panel.Find("[data-testid=init-image-thumb]"));
        Assert.Empty(panel.FindComponents<InputFile>());
        Assert.Empty(panel.FindAll("[data-testid=init-image-clear]"));
        Assert.Empty(panel.FindAll("[data-testid=init-image-from-result]"));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
