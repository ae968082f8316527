namespace CollabCanvas.Web.Versions;

/// <summary>One recipe field of two versions side by side.</summary>
public sealed record FieldDifference(string Key, string Label, string Left, string Right)
{
    public bool Changed => !string.Equals(Left, Right, StringComparison.Ordinal);
}

/// <summary>
/// Two versions' recipes compared: each input field changed or not, and a word-level diff of the prompt and the
/// negative prompt. Pure, so the comparison view only draws it.
/// </summary>
/// <param name="Left">The first version picked (shown on the left; its text is the diff's "before").</param>
public sealed record VersionComparison(
    VersionDetails Left,
    VersionDetails Right,
    IReadOnlyList<FieldDifference> Fields,
    IReadOnlyList<DiffPiece> Prompt,
    IReadOnlyList<DiffPiece> NegativePrompt)
{
    public bool PromptChanged => Prompt.Any(piece => piece.Kind != DiffKind.Same);

    public bool NegativePromptChanged => NegativePrompt.Any(piece => piece.Kind != DiffKind.Same);

    /// <summary>Fields that differ; the prompts are counted apart (see <see cref="PromptChanged"/>).</summary>
    public IEnumerable<FieldDifference> ChangedFields => Fields.Where(difference => difference.Changed);

    public static VersionComparison Of(VersionDetails left, VersionDetails right)
    {
        var rightFields = VersionRecipeFields.Of(right).ToDictionary(field => field.Key);
        // Timings describe a run, not the recipe: that they differ tells nothing about why the images differ.
        var fields = VersionRecipeFields.Of(left)
            .Where(field => field.IsInput)
            .Select(field => new FieldDifference(field.Key, field.Label, field.Value, rightFields[field.Key].Value))
            .ToList();
        return new VersionComparison(
            left,
            right,
            fields,
            WordDiff.Compute(left.Prompt.Text, right.Prompt.Text),
            WordDiff.Compute(left.NegativePrompt.Text, right.NegativePrompt.Text));
    }
}
