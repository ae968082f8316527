using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Live;

/// <summary>
/// Shared carets: where each person's caret or selection is in the prompts. Part of presence: relayed, never
/// saved. Each caret is brought up to the prompt's current revision here, so everyone receives it in the text
/// as it stands at the event, and moves it through later edits themselves. The room remembers each one where it
/// was placed, so a snapshot (a newcomer, a resync) carries everyone's caret moved up to the current text.
/// </summary>
public sealed partial class RoomGrain
{
    // Each member's caret per prompt and the prompt revision it is placed in; moved through later edits only when a
    // snapshot asks, so typing costs nothing here.
    private readonly Dictionary<(Guid MemberId, PromptField Field), (TextSelection Selection, long PromptRevision)> _carets = [];

    /// <param name="caller">Who moved their caret.</param>
    /// <param name="field">Which prompt.</param>
    /// <param name="promptRevision">The revision of that prompt the caller's <paramref name="selection"/> refers to.</param>
    /// <param name="selection">The caret or selection; null when the caller left the editor.</param>
    public Task<RoomCommandResult> MoveCaret(RoomCaller caller, PromptField field, long promptRevision, TextSelection? selection)
    {
        if (Refuse(caller, RoomAction.EditPrompt) is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (!_present.TryGetValue(caller.MemberId, out var member))
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Conflict, "Join the room before sharing your caret in it."));
        }

        if (!RoomPolicy.Allows(member.Role, RoomAction.EditPrompt))
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Forbidden, $"Only a {RoomPolicy.RequiredRole(RoomAction.EditPrompt)} or above may do this; you are a {member.Role}."));
        }

        if (!Enum.IsDefined(field))
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Invalid, "The field must be the prompt or the negative prompt."));
        }

        if (selection is null)
        {
            _carets.Remove((caller.MemberId, field));
            Publish(revision => new CaretMoved(revision, caller.MemberId, field, null));
            return Task.FromResult(RoomCommandResult.Ok);
        }

        var document = field == PromptField.Prompt ? _prompt : _negativePrompt;
        if (document.EditsSince(promptRevision) is not { } later)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Conflict, $"Revision {promptRevision} of the prompt is not known here (it is at {document.Revision}); move the caret again."));
        }

        // The text the caret was placed in: before the first later edit, or the text as it is now.
        var length = later.Count > 0 ? later[0].Operation.BaseLength : document.Text.Length;
        if (selection.Anchor < 0 || selection.Head < 0 || selection.Anchor > length || selection.Head > length)
        {
            return Task.FromResult(RoomCommandResult.Refused(RefusalKind.Invalid, $"The caret must be within the prompt's {length} characters."));
        }

        var current = SharedCaret.Through(selection, caller.MemberId, later);
        _carets[(caller.MemberId, field)] = (current, document.Revision);
        Publish(revision => new CaretMoved(revision, caller.MemberId, field, current));
        return Task.FromResult(RoomCommandResult.Ok);
    }

    /// <summary>
    /// The carets of the people here who may still type, in the prompts as they are now. A caret whose revision the
    /// prompt no longer knows (its history was trimmed, or it was replaced) is left out: its owner shares it again
    /// when they next move it.
    /// </summary>
    private List<RoomCaret> CurrentCarets()
    {
        var carets = new List<RoomCaret>();
        foreach (var ((memberId, field), (selection, promptRevision)) in _carets)
        {
            if (!_present.TryGetValue(memberId, out var member) || !RoomPolicy.Allows(member.Role, RoomAction.EditPrompt))
            {
                continue;
            }

            var document = field == PromptField.Prompt ? _prompt : _negativePrompt;
            if (document.EditsSince(promptRevision) is { } later)
            {
                carets.Add(new RoomCaret(memberId, field, SharedCaret.Through(selection, memberId, later)));
            }
        }

        return carets;
    }

    /// <summary>Forgets a member's carets (they left or were removed).</summary>
    private void ForgetCaretsOf(Guid memberId)
    {
        _carets.Remove((memberId, PromptField.Prompt));
        _carets.Remove((memberId, PromptField.NegativePrompt));
    }
}
