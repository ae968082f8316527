namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// An edit a client sends: an operation on the prompt as it stood at <paramref name="BaseRevision"/>.
/// The author is not in it: the server takes it from the authenticated caller.
/// </summary>
/// <param name="EditId">Chosen by the client; its acknowledgement carries it back, and a resent edit with the same id is applied once.</param>
[GenerateSerializer, Immutable]
public sealed record PromptEdit(
    [property: Id(0)] Guid EditId,
    [property: Id(1)] long BaseRevision,
    [property: Id(2)] TextOperation Operation);

/// <summary>
/// An edit the server applied, transformed to apply to the previous revision: broadcast to every client
/// (its sender recognises its acknowledgement by <paramref name="EditId"/>).
/// </summary>
/// <param name="Revision">The revision this edit produced.</param>
[GenerateSerializer, Immutable]
public sealed record PromptApplied(
    [property: Id(0)] long Revision,
    [property: Id(1)] Guid EditId,
    [property: Id(2)] Guid Author,
    [property: Id(3)] TextOperation Operation);

/// <summary>The server's answer to an edit: applied (to broadcast), or refused with a message for its sender.</summary>
/// <param name="IsRepeat">The edit was applied before (a resend after reconnecting): answer the sender, do not broadcast again.</param>
[GenerateSerializer, Immutable]
public sealed record PromptEditResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string? Error,
    [property: Id(2)] PromptApplied? Applied,
    [property: Id(3)] bool IsRepeat = false)
{
    public static PromptEditResult Done(PromptApplied applied, bool isRepeat = false) => new(true, null, applied, isRepeat);

    public static PromptEditResult Refused(string error) => new(false, error, null);
}

/// <summary>The prompt at one revision, with who wrote what: for (re)connecting clients and for persistence.</summary>
[GenerateSerializer, Immutable]
public sealed record PromptSnapshot(
    [property: Id(0)] long Revision,
    [property: Id(1)] string Text,
    [property: Id(2)] IReadOnlyList<AuthorSpan> Authors)
{
    public static PromptSnapshot Empty { get; } = new(0, "", []);
}
