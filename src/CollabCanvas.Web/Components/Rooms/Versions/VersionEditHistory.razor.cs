using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>The recorded title and note changes of a version, oldest first.</summary>
public partial class VersionEditHistory
{
    private const int ShortNoteLength = 60;

    [Parameter, EditorRequired] public IReadOnlyList<VersionEditRecord> Edits { get; set; } = [];

    private static string Shorten(string text) => text.Length <= ShortNoteLength ? text : string.Concat(text.AsSpan(0, ShortNoteLength), "…");
}
