using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>A version's row in the gallery: thumbnail, title, parent, time, contributors, open, pick to compare, downloads.</summary>
public partial class VersionCard
{
    /// <summary>Past this depth rows stop moving right, so a long chain of versions still fits a narrow panel.</summary>
    private const int MaxIndent = 6;

    /// <summary>The version and where it sits in the tree.</summary>
    [Parameter, EditorRequired] public VersionTreeNode Node { get; set; } = default!;

    /// <summary>The room (for the file links).</summary>
    [Parameter, EditorRequired] public Guid RoomId { get; set; }

    /// <summary>Whether this version is the one open beside the gallery.</summary>
    [Parameter] public bool IsOpen { get; set; }

    /// <summary>Whether it is picked for the comparison.</summary>
    [Parameter] public bool IsPicked { get; set; }

    [Parameter] public EventCallback OnOpen { get; set; }

    [Parameter] public EventCallback OnTogglePick { get; set; }

    private VersionSummary Version => Node.Version;

    private int IndentLevels => Math.Min(Node.Depth, MaxIndent);

    private string NodeClass => Node.Depth > 0 ? "cc-version-node cc-version-child" : "cc-version-node";

    private string CardClass => IsOpen ? "cc-version-card cc-version-open pa-2" : "cc-version-card pa-2";
}
