using System.Globalization;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Security;
using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>
/// The room's saved versions, newest first: thumbnail, title, time and contributors in their room colours, with
/// downloads; plus the save form for those who may save. Everything goes through <see cref="VersionService"/>.
/// </summary>
public partial class VersionsPanel
{
    private RoomActor actor = RoomActor.Anonymous;
    private IReadOnlyList<VersionSummary> versions = [];
    private string? error;

    /// <summary>The room whose versions are shown.</summary>
    [Parameter, EditorRequired] public Guid RoomId { get; set; }

    /// <summary>The viewer's role in the room; decides whether the save form is shown.</summary>
    [Parameter, EditorRequired] public RoomRole MyRole { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private VersionService Versions { get; set; } = default!;

    private bool CanSave => RoomPolicy.Allows(MyRole, RoomAction.SaveVersion);

    protected override async Task OnParametersSetAsync()
    {
        actor = AuthenticationState is null ? RoomActor.Anonymous : (await AuthenticationState).User.ToRoomActor();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var result = await Versions.ListAsync(actor, RoomId);
        versions = result.Value ?? [];
        error = result.Error?.Message;
    }

    private Task OnSavedAsync(VersionDetails saved) => ReloadAsync();

    private string FileUrl(VersionSummary version, string file) => $"api/rooms/{RoomId}/versions/{version.Id}/{file}";

    private static string TitleOf(VersionSummary version) => string.IsNullOrEmpty(version.Title) ? "Untitled" : version.Title;

    /// <summary>What the person did, for the chip's tooltip ("wrote 67% of the prompt, painted 2 strokes, ran it").</summary>
    private static string CreditText(VersionContributor contributor)
    {
        var parts = new List<string>();
        if (contributor.PromptCharacters > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"wrote {contributor.PromptShare:P0} of the prompt"));
        }

        if (contributor.NegativePromptCharacters > 0)
        {
            parts.Add("wrote in the negative prompt");
        }

        if (contributor.MaskStrokes > 0)
        {
            parts.Add(contributor.MaskStrokes == 1 ? "painted 1 mask stroke" : $"painted {contributor.MaskStrokes} mask strokes");
        }

        if (contributor.Ran)
        {
            parts.Add("ran the generation");
        }

        if (contributor.Saved)
        {
            parts.Add("saved it");
        }

        return $"{contributor.Name}: {string.Join(", ", parts)}";
    }
}
