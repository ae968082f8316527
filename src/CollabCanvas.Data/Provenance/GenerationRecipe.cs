namespace CollabCanvas.Data.Provenance;

/// <summary>
/// Everything needed to make an image again, and who made it: what goes into the PNG's <c>parameters</c> text and
/// XMP, and into the JSON sidecar.
/// </summary>
/// <param name="Sampler">The sampler's AUTOMATIC1111 display name ("Euler a", "DPM++ 2M"); see <see cref="A1111SamplerNames"/>.</param>
/// <param name="ScheduleType">A1111's "Schedule type" ("Karras"); null when the sampler's own schedule was used.</param>
/// <param name="CfgScale">Classifier-free guidance scale.</param>
/// <param name="Seed">The seed actually used (never "random").</param>
/// <param name="ModelHash">Content hash of the model's files, written as given.</param>
/// <param name="DenoisingStrength">img2img / inpainting strength; null for text-to-image.</param>
/// <param name="Contributors">People credited, in display order.</param>
public sealed record GenerationRecipe(
    string Prompt,
    string NegativePrompt,
    int Steps,
    string Sampler,
    string? ScheduleType,
    double CfgScale,
    long Seed,
    int Width,
    int Height,
    string ModelName,
    string ModelHash,
    double? DenoisingStrength,
    IReadOnlyList<Contributor> Contributors)
{
    // Records compare lists by reference; a recipe read back from a file must equal the one written.
    public bool Equals(GenerationRecipe? other) =>
        other is not null
        && Prompt == other.Prompt
        && NegativePrompt == other.NegativePrompt
        && Steps == other.Steps
        && Sampler == other.Sampler
        && ScheduleType == other.ScheduleType
        && CfgScale.Equals(other.CfgScale)
        && Seed == other.Seed
        && Width == other.Width
        && Height == other.Height
        && ModelName == other.ModelName
        && ModelHash == other.ModelHash
        && Nullable.Equals(DenoisingStrength, other.DenoisingStrength)
        && Contributors.SequenceEqual(other.Contributors);

    public override int GetHashCode() =>
        HashCode.Combine(Prompt, NegativePrompt, Steps, Sampler, Seed, ModelHash, Contributors.Count);
}
