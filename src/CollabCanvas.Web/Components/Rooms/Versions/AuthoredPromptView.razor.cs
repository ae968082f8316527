using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Versions;
using Microsoft.AspNetCore.Components;

namespace CollabCanvas.Web.Components.Rooms.Versions;

/// <summary>A prompt as saved with a version, each author's text in the colour the version credits them with.</summary>
public partial class AuthoredPromptView
{
    private AuthoredText? text;
    private Dictionary<Guid, VersionContributor> people = [];

    /// <summary>"Prompt" or "Negative prompt".</summary>
    [Parameter, EditorRequired] public string Label { get; set; } = "";

    [Parameter, EditorRequired] public PromptSnapshot Prompt { get; set; } = PromptSnapshot.Empty;

    /// <summary>The version's contributors: names and colours of the authors.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<VersionContributor> Contributors { get; set; } = [];

    [Parameter] public string? TestId { get; set; }

    protected override void OnParametersSet()
    {
        people = Contributors.GroupBy(person => person.MemberId).ToDictionary(group => group.Key, group => group.First());
        try
        {
            text = AuthoredText.FromSpans(Prompt.Text, Prompt.Authors);
        }
        catch (ArgumentException)
        {
            text = null;
        }
    }

    private (string Name, string Color) AuthorOf(Guid memberId) =>
        people.TryGetValue(memberId, out var person)
            ? (person.Name, MemberPalette.ColorOf(person.ColorIndex))
            : ("A former participant", "#9e9e9e");
}
