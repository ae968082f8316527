using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>Draws <see cref="VersionTree"/>'s order of the room's versions; what to do on open and pick is the panel's.</summary>
public partial class VersionGallery
{
    private IReadOnlyList<VersionTreeNode> rows = [];

    /// <summary>The room's versions, in any order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<VersionSummary> Versions { get; set; } = [];

    [Parameter, EditorRequired] public Guid RoomId { get; set; }

    /// <summary>The version open beside the gallery, if any.</summary>
    [Parameter] public Guid? OpenId { get; set; }

    /// <summary>Versions picked for the comparison.</summary>
    [Parameter] public IReadOnlyCollection<Guid> Picked { get; set; } = [];

    [Parameter] public EventCallback<Guid> OnOpen { get; set; }

    [Parameter] public EventCallback<Guid> OnTogglePick { get; set; }

    protected override void OnParametersSet() => rows = VersionTree.Arrange(Versions);
}
