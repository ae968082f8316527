using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Tests.Prompt;

public sealed class CaretTransformTests
{
    [Theory]
    [InlineData(5, 2, 7)] // insert before the caret pushes it right
    [InlineData(5, 7, 5)] // insert after the caret leaves it
    [InlineData(5, 5, 5)] // someone else's insert at the caret does not drag it along
    public void Others_inserts_move_a_caret_only_when_before_it(int caret, int insertAt, int expected)
    {
        var operation = TextOperation.Insert(10, insertAt, "ab");

        Assert.Equal(expected, CaretTransform.TransformIndex(caret, operation, CaretBias.StayBefore));
    }

    [Fact]
    public void Own_insert_at_the_caret_moves_it_past_the_new_text()
    {
        Assert.Equal(7, CaretTransform.TransformIndex(5, TextOperation.Insert(10, 5, "ab"), CaretBias.MoveAfter));
    }

    [Theory]
    [InlineData(8, 2, 3, 5)] // delete before the caret pulls it left
    [InlineData(3, 2, 3, 2)] // caret inside deleted text lands where the deletion was
    [InlineData(1, 2, 3, 1)] // delete after the caret leaves it
    [InlineData(5, 2, 3, 2)] // caret at the end of the deleted text
    public void Deletes_pull_a_caret_back(int caret, int deleteAt, int count, int expected)
    {
        var operation = TextOperation.Delete(10, deleteAt, count);

        Assert.Equal(expected, CaretTransform.TransformIndex(caret, operation, CaretBias.StayBefore));
    }

    [Fact]
    public void A_selection_keeps_covering_the_same_characters()
    {
        // "hello world", "world" selected; someone inserts "big " before it and deletes "hello".
        var operation = new TextOperation([EditStep.Delete(5), EditStep.Retain(1), EditStep.Insert("big "), EditStep.Retain(5)]).Normalize();
        var selection = new TextSelection(6, 11);

        var moved = selection.Transform(operation, CaretBias.StayBefore);

        var text = "hello world";
        var after = AuthoredText.FromSpans(text, [new AuthorSpan(Guid.NewGuid(), 0, text.Length)]).Apply(operation, Guid.NewGuid()).Text;
        Assert.Equal(" big world", after);
        Assert.Equal("world", after[moved.Anchor..moved.Head]);
    }

    [Fact]
    public void Text_typed_at_either_edge_of_a_selection_stays_outside_it()
    {
        var selection = new TextSelection(5, 2); // selected backwards: the caret is at the start
        var atStart = TextOperation.Insert(10, 2, "ab");
        var atEnd = TextOperation.Insert(10, 5, "ab");

        Assert.Equal(new TextSelection(7, 4), selection.Transform(atStart, CaretBias.StayBefore));
        Assert.Equal(new TextSelection(5, 2), selection.Transform(atEnd, CaretBias.StayBefore));
    }

    [Fact]
    public void A_client_caret_stays_where_its_owner_left_it_while_others_type()
    {
        var ann = Guid.Parse("00000000-0000-0000-0000-00000000000a");
        var ben = Guid.Parse("00000000-0000-0000-0000-00000000000b");
        var server = new PromptDocument();
        var annClient = new PromptClient(ann, server.ToSnapshot());
        var benClient = new PromptClient(ben, server.ToSnapshot());

        // Ann types "cat" and her caret follows her typing; Ben types "a " at the start at the same time.
        var annEdit = annClient.Insert(0, "cat").ToSend!;
        Assert.Equal(TextSelection.Caret(3), annClient.Selection);
        var benEdit = benClient.Insert(0, "a ").ToSend!;
        var annApplied = server.Apply(ann, annEdit).Applied!;
        var benApplied = server.Apply(ben, benEdit).Applied!;
        annClient.Receive(annApplied);
        annClient.Receive(benApplied);

        Assert.Equal("cata ", annClient.Text); // Ann's id sorts first, so her text is first at the tie
        Assert.Equal(TextSelection.Caret(3), annClient.Selection); // still right after "cat", not dragged past Ben's text

        // Ben types at the front again: Ann's caret shifts with the text before it.
        var again = benClient.Receive(annApplied);
        Assert.Null(again);
        benClient.Receive(benApplied);
        var front = server.Apply(ben, benClient.Insert(0, "X").ToSend!).Applied!;
        annClient.Receive(front);
        Assert.Equal("Xcata ", annClient.Text);
        Assert.Equal(TextSelection.Caret(4), annClient.Selection);
    }
}
