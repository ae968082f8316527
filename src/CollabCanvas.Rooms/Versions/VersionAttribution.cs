using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Versions;

/// <summary>
/// Who gets credit for a version, from the room's state at the moment it is saved: prompt writers by their share of
/// the authored characters, mask painters by their strokes (an eraser stroke changes the mask too), the runner and
/// the saver. Pure, so the rules are tested without a room.
/// </summary>
public static class VersionAttribution
{
    /// <param name="runner">Who started the generation; null when the room no longer knows (e.g. after a restart).</param>
    /// <exception cref="ArgumentException">A prompt's spans do not cover its text (a corrupt snapshot).</exception>
    public static IReadOnlyList<VersionCredit> Compute(
        PromptSnapshot prompt, PromptSnapshot negativePrompt, IReadOnlyList<MaskStroke> strokes, Guid? runner, Guid saver)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(negativePrompt);
        ArgumentNullException.ThrowIfNull(strokes);

        var promptShares = AuthoredText.FromSpans(prompt.Text, prompt.Authors).Shares().ToDictionary(share => share.Author);
        var negativeShares = AuthoredText.FromSpans(negativePrompt.Text, negativePrompt.Authors).Shares().ToDictionary(share => share.Author);
        var strokeCounts = strokes.GroupBy(stroke => stroke.Author).ToDictionary(group => group.Key, group => group.Count());

        IEnumerable<Guid> people = [.. promptShares.Keys, .. negativeShares.Keys, .. strokeCounts.Keys, saver];
        if (runner is { } ranBy)
        {
            people = people.Append(ranBy);
        }

        return people
            .Distinct()
            .Select(member => new VersionCredit(
                member,
                promptShares.GetValueOrDefault(member)?.Characters ?? 0,
                promptShares.GetValueOrDefault(member)?.Fraction ?? 0,
                negativeShares.GetValueOrDefault(member)?.Characters ?? 0,
                strokeCounts.GetValueOrDefault(member),
                member == runner,
                member == saver))
            // Biggest hand in the prompt first; the order is total so every reader lists the same credits alike.
            .OrderByDescending(credit => credit.PromptCharacters)
            .ThenByDescending(credit => credit.NegativePromptCharacters)
            .ThenByDescending(credit => credit.MaskStrokes)
            .ThenByDescending(credit => credit.Ran)
            .ThenByDescending(credit => credit.Saved)
            .ThenBy(credit => credit.MemberId)
            .ToList();
    }
}
