namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// The outcome of a person's edit on their own client: applied locally (and <paramref name="ToSend"/> is the
/// edit to send now, or null while an earlier one awaits its acknowledgement), or refused with a message.
/// </summary>
public sealed record LocalEditResult(bool Succeeded, string? Error, PromptEdit? ToSend)
{
    public static LocalEditResult Refused(string error) => new(false, error, null);
}
