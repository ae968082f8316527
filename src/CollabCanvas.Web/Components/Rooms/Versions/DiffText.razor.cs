using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>Which text of a diff to draw.</summary>
public enum DiffSide
{
    Before,
    After,
}

/// <summary>Draws one side of a <see cref="WordDiff"/>; the other side's pieces are left out, so each side reads as its own text.</summary>
public partial class DiffText
{
    [Parameter, EditorRequired] public IReadOnlyList<DiffPiece> Pieces { get; set; } = [];

    [Parameter, EditorRequired] public DiffSide Side { get; set; }
}
