namespace CollabCanvas.Rooms.Live;

/// <summary>The two co-edited texts of a room.</summary>
public enum PromptField
{
    Prompt,
    NegativePrompt,
}
