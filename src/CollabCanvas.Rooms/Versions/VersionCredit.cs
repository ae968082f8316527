namespace CollabCanvas.Rooms.Versions;

/// <summary>What one member did for a saved version.</summary>
/// <param name="PromptCharacters">Characters of the prompt they typed (an emoji counts once).</param>
/// <param name="PromptShare">Their fraction of the prompt, 0..1.</param>
/// <param name="NegativePromptCharacters">Characters of the negative prompt they typed.</param>
/// <param name="MaskStrokes">Brush and eraser strokes of theirs in the mask.</param>
/// <param name="Ran">They started the generation that made the image.</param>
/// <param name="Saved">They saved the image as a version.</param>
public sealed record VersionCredit(
    Guid MemberId,
    int PromptCharacters,
    double PromptShare,
    int NegativePromptCharacters,
    int MaskStrokes,
    bool Ran,
    bool Saved)
{
    public bool WrotePrompt => PromptCharacters > 0 || NegativePromptCharacters > 0;

    public bool PaintedMask => MaskStrokes > 0;
}
