using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Tests.Live;

/// <summary>Carets shared through the room: brought up to date by the room, refused when they cannot be placed.</summary>
[Collection(RoomClusterCollection.Name)]
public sealed class SharedCaretTests(RoomClusterFixture fixture)
{
    private static RoomCaller Person(string name, RoomRole role) => new(Guid.NewGuid(), name, role, false);

    private static async Task<PromptApplied> TypeAsync(IRoomGrain room, RoomCaller who, long baseRevision, int at, string text, int length)
    {
        var operation = new OperationBuilder().Retain(at).Insert(text).Retain(length - at).Build();
        var result = await room.EditPrompt(who, PromptField.Prompt, new PromptEdit(Guid.NewGuid(), baseRevision, operation));
        Assert.True(result.Succeeded, result.Error);
        return result.Applied!;
    }

    [Fact]
    public async Task A_caret_placed_in_an_older_revision_is_moved_through_the_edits_since_then()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var ada = Person("Ada", RoomRole.Editor);
        var bo = Person("Bo", RoomRole.Editor);
        await room.Connect(ada);
        await room.Connect(bo);
        var first = await TypeAsync(room, ada, 0, 0, "a red fox", 0);       // revision 1: "a red fox"

        // Bo put his caret after "red" (index 5) in revision 1; meanwhile Ada typed "big " before "red".
        await TypeAsync(room, ada, first.Revision, 2, "big ", 9);          // "a big red fox"
        var moved = await room.MoveCaret(bo, PromptField.Prompt, first.Revision, TextSelection.Caret(5));

        Assert.True(moved.Succeeded, moved.Error);
        var caret = await observer.WaitForAsync<CaretMoved>(e => e.MemberId == bo.MemberId);
        Assert.Equal(TextSelection.Caret(9), caret.Selection);
        Assert.Equal(PromptField.Prompt, caret.Field);
    }

    [Fact]
    public async Task Leaving_the_editor_clears_the_caret_and_bad_carets_are_refused()
    {
        var room = fixture.NewRoom();
        var (observer, _) = await fixture.ObserveAsync(room);
        var ada = Person("Ada", RoomRole.Editor);
        var vic = Person("Vic", RoomRole.Viewer);
        await room.Connect(ada);
        await room.Connect(vic);
        var typed = await TypeAsync(room, ada, 0, 0, "fox", 0);

        Assert.Equal(RefusalKind.Invalid, (await room.MoveCaret(ada, PromptField.Prompt, typed.Revision, TextSelection.Caret(4))).Refusal);
        Assert.Equal(RefusalKind.Invalid, (await room.MoveCaret(ada, PromptField.Prompt, typed.Revision, new TextSelection(-1, 2))).Refusal);
        Assert.Equal(RefusalKind.Conflict, (await room.MoveCaret(ada, PromptField.Prompt, typed.Revision + 5, TextSelection.Caret(0))).Refusal);
        Assert.Equal(RefusalKind.Invalid, (await room.MoveCaret(ada, (PromptField)9, typed.Revision, TextSelection.Caret(0))).Refusal);
        Assert.Equal(RefusalKind.Forbidden, (await room.MoveCaret(vic, PromptField.Prompt, typed.Revision, TextSelection.Caret(0))).Refusal);

        Assert.True((await room.MoveCaret(ada, PromptField.NegativePrompt, 0, new TextSelection(0, 0))).Succeeded);
        Assert.True((await room.MoveCaret(ada, PromptField.NegativePrompt, 0, null)).Succeeded);
        await observer.WaitForAsync<CaretMoved>(e => e.Selection is null && e.Field == PromptField.NegativePrompt);
        Assert.Equal(2, observer.Events.OfType<CaretMoved>().Count());
    }

    [Fact]
    public async Task A_newcomers_snapshot_has_everyones_carets_moved_to_the_current_text()
    {
        var room = fixture.NewRoom();
        var ada = Person("Ada", RoomRole.Editor);
        var bo = Person("Bo", RoomRole.Editor);
        var vic = Person("Vic", RoomRole.Viewer);
        await room.Connect(ada);
        await room.Connect(bo);
        var first = await TypeAsync(room, ada, 0, 0, "a red fox", 0);
        Assert.True((await room.MoveCaret(bo, PromptField.Prompt, first.Revision, TextSelection.Caret(5))).Succeeded);
        Assert.True((await room.MoveCaret(ada, PromptField.NegativePrompt, 0, new TextSelection(0, 0))).Succeeded);
        await TypeAsync(room, ada, first.Revision, 2, "big ", 9);           // "a big red fox": Bo's caret moves to 9

        var joined = await room.Connect(vic);

        Assert.Equal(
            [new RoomCaret(bo.MemberId, PromptField.Prompt, TextSelection.Caret(9)), new RoomCaret(ada.MemberId, PromptField.NegativePrompt, TextSelection.Caret(0))],
            joined.Carets!.OrderBy(caret => caret.Field));

        // Leaving the editor, or the room, takes the caret out of later snapshots.
        Assert.True((await room.MoveCaret(ada, PromptField.NegativePrompt, 0, null)).Succeeded);
        await room.Disconnect(bo.MemberId);
        Assert.Empty((await room.GetSnapshot()).Carets!);
    }
}
