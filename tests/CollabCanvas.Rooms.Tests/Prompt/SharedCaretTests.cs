using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Tests.Prompt;

/// <summary>How someone else's caret follows the edits everyone makes.</summary>
public sealed class SharedCaretTests
{
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    private static PromptApplied Edit(Guid author, TextOperation operation) => new(1, Guid.NewGuid(), author, operation);

    private static TextOperation InsertAt(int at, string text, int length) => new OperationBuilder().Retain(at).Insert(text).Retain(length - at).Build();

    private static TextOperation DeleteAt(int at, int count, int length) => new OperationBuilder().Retain(at).Delete(count).Retain(length - at - count).Build();

    [Fact]
    public void Someone_elses_typing_at_the_caret_leaves_it_before_and_the_owners_typing_carries_it()
    {
        var caret = TextSelection.Caret(3); // "fox|"

        Assert.Equal(TextSelection.Caret(3), SharedCaret.Through(caret, Owner, Edit(Other, InsertAt(3, "es", 3))));
        Assert.Equal(TextSelection.Caret(5), SharedCaret.Through(caret, Owner, Edit(Owner, InsertAt(3, "es", 3))));
    }

    [Fact]
    public void Edits_before_the_caret_shift_it_and_edits_after_it_do_not()
    {
        var caret = TextSelection.Caret(4); // "big |fox"

        Assert.Equal(TextSelection.Caret(6), SharedCaret.Through(caret, Owner, Edit(Other, InsertAt(0, "a ", 7))));
        Assert.Equal(TextSelection.Caret(4), SharedCaret.Through(caret, Owner, Edit(Other, InsertAt(7, "!", 7))));
        Assert.Equal(TextSelection.Caret(0), SharedCaret.Through(caret, Owner, Edit(Other, DeleteAt(0, 4, 7))));
        Assert.Equal(TextSelection.Caret(1), SharedCaret.Through(caret, Owner, Edit(Other, DeleteAt(1, 5, 7)))); // the caret's text was deleted
    }

    [Fact]
    public void A_selection_keeps_covering_its_characters_and_text_typed_at_its_edges_stays_outside()
    {
        var selection = new TextSelection(2, 5); // "a [red] fox"

        Assert.Equal(new TextSelection(2, 5), SharedCaret.Through(selection, Owner, Edit(Other, InsertAt(5, "dish", 9))));
        Assert.Equal(new TextSelection(6, 9), SharedCaret.Through(selection, Owner, Edit(Other, InsertAt(2, "big ", 9))));
        Assert.Equal(new TextSelection(9, 6), SharedCaret.Through(new TextSelection(5, 2), Owner, Edit(Other, InsertAt(2, "big ", 9))));
    }

    [Fact]
    public void A_run_of_edits_applies_in_order()
    {
        var edits = new[]
        {
            new PromptApplied(2, Guid.NewGuid(), Other, InsertAt(0, "xx", 5)),   // "xx" + 5 chars, caret 2 -> 4
            new PromptApplied(3, Guid.NewGuid(), Owner, InsertAt(4, "yy", 7)),   // the owner types at the caret -> 6
            new PromptApplied(4, Guid.NewGuid(), Other, DeleteAt(0, 1, 9)),      // -> 5
        };

        Assert.Equal(TextSelection.Caret(5), SharedCaret.Through(TextSelection.Caret(2), Owner, edits));
    }
}
