using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>Draws a <see cref="VersionComparison"/>; the comparing itself is the pure class's.</summary>
public partial class VersionCompareView
{
    [Parameter, EditorRequired] public VersionComparison Comparison { get; set; } = default!;

    [Parameter, EditorRequired] public Guid RoomId { get; set; }

    [Parameter] public EventCallback OnClose { get; set; }

    private string Summary
    {
        get
        {
            var changed = Comparison.ChangedFields.Select(difference => difference.Label.ToLowerInvariant()).ToList();
            if (Comparison.PromptChanged)
            {
                changed.Insert(0, "prompt");
            }

            if (Comparison.NegativePromptChanged)
            {
                changed.Insert(Comparison.PromptChanged ? 1 : 0, "negative prompt");
            }

            return changed.Count == 0 ? "Same recipe." : $"Differs in: {string.Join(", ", changed)}.";
        }
    }

    private static string PromptClass(bool changed) => changed ? "cc-compare-prompt cc-diff-changed" : "cc-compare-prompt";
}
