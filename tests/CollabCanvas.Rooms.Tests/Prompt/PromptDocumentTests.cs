using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Tests.Prompt;

public sealed class PromptDocumentTests
{
    private static readonly Guid Ann = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Ben = Guid.Parse("00000000-0000-0000-0000-000000000002");

    [Fact]
    public void Each_applied_edit_gets_the_next_revision_and_its_author()
    {
        var document = new PromptDocument();

        var first = document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, "a cat")));
        var second = document.Apply(Ben, Edit(1, TextOperation.Insert(5, 5, " in space")));

        Assert.True(first.Succeeded);
        Assert.Equal(1, first.Applied!.Revision);
        Assert.Equal(2, second.Applied!.Revision);
        Assert.Equal(Ben, second.Applied.Author);
        Assert.Equal("a cat in space", document.Text);
        Assert.Equal([new AuthorSpan(Ann, 0, 5), new AuthorSpan(Ben, 5, 9)], document.Content.Spans());
    }

    [Fact]
    public void An_edit_on_an_older_revision_is_transformed_past_what_happened_since()
    {
        var document = new PromptDocument();
        document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, "cat")));
        document.Apply(Ann, Edit(1, TextOperation.Insert(3, 0, "a ")));

        // Ben saw only "cat" (revision 1) and appended "s".
        var result = document.Apply(Ben, Edit(1, TextOperation.Insert(3, 3, "s")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("a cats", document.Text);
        Assert.Equal("r5 i\"s\"", result.Applied!.Operation.ToString());
    }

    [Fact]
    public void A_prompt_may_reach_the_limit_but_not_pass_it()
    {
        var document = new PromptDocument();
        var full = new string('a', OperationCheck.MaxLength);

        Assert.True(document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, full))).Succeeded);
        var over = document.Apply(Ann, Edit(1, TextOperation.Insert(full.Length, 0, "b")));

        Assert.False(over.Succeeded);
        Assert.Equal("The prompt can be at most 2000 characters.", over.Error);
        Assert.Equal(1, document.Revision);
        Assert.Equal(full, document.Text);
    }

    [Fact]
    public void Concurrent_edits_that_together_pass_the_limit_refuse_the_later_one_whole()
    {
        var document = new PromptDocument();
        var half = new string('a', 1000);
        document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, half)));

        var annMore = document.Apply(Ann, Edit(1, TextOperation.Insert(1000, 0, new string('b', 600))));
        var benMore = document.Apply(Ben, Edit(1, TextOperation.Insert(1000, 1000, new string('c', 600))));

        Assert.True(annMore.Succeeded);
        Assert.False(benMore.Succeeded);
        Assert.Equal(1600, document.Text.Length);
        Assert.DoesNotContain('c', document.Text);
    }

    [Fact]
    public void Replacing_the_text_keeps_the_given_authors_in_one_revision_and_refuses_edits_typed_before_it()
    {
        var document = new PromptDocument();
        document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, "old")));

        var error = document.Replace("a fox", [new AuthorSpan(Ben, 0, 2), new AuthorSpan(Ann, 2, 3)]);
        var stale = document.Apply(Ann, Edit(1, TextOperation.Insert(3, 3, "!")));
        var fresh = document.Apply(Ben, Edit(2, TextOperation.Insert(5, 5, "es")));

        Assert.Null(error);
        Assert.False(stale.Succeeded);
        Assert.Contains("replaced", stale.Error);
        Assert.True(fresh.Succeeded, fresh.Error);
        Assert.Equal(3, document.Revision);
        Assert.Equal("a foxes", document.Text);
        Assert.Equal([new AuthorSpan(Ben, 0, 2), new AuthorSpan(Ann, 2, 3), new AuthorSpan(Ben, 5, 2)], document.Content.Spans());
        Assert.Null(document.EditsSince(1));
    }

    [Theory]
    [InlineData("fox", 0, 2, "cover")]
    [InlineData("fo\u0001", 0, 3, "control")]
    public void A_replacement_that_does_not_fit_changes_nothing(string text, int start, int length, string reason)
    {
        var document = new PromptDocument();
        document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, "keep")));

        var error = document.Replace(System.Text.RegularExpressions.Regex.Unescape(text), [new AuthorSpan(Ann, start, length)]);

        Assert.Contains(reason, error);
        Assert.Equal(("keep", 1L), (document.Text, document.Revision));
        Assert.NotNull(document.Replace(new string('a', OperationCheck.MaxLength + 1), [new AuthorSpan(Ann, 0, OperationCheck.MaxLength + 1)]));
    }

    [Fact]
    public void Future_and_negative_revisions_are_refused()
    {
        var document = new PromptDocument();

        var future = document.Apply(Ann, Edit(3, TextOperation.Insert(0, 0, "a")));
        var negative = document.Apply(Ann, Edit(-1, TextOperation.Insert(0, 0, "a")));

        Assert.Contains("only at revision 0", future.Error);
        Assert.False(negative.Succeeded);
        Assert.Equal(0, document.Revision);
    }

    [Fact]
    public void Revisions_older_than_the_kept_history_are_refused()
    {
        var document = new PromptDocument(historyLimit: 2);
        for (var i = 0; i < 3; i++)
        {
            document.Apply(Ann, Edit(i, TextOperation.Insert(i, i, "a")));
        }

        var stale = document.Apply(Ben, Edit(0, TextOperation.Insert(0, 0, "b")));
        var oldestKept = document.Apply(Ben, Edit(1, TextOperation.Insert(1, 0, "b")));

        Assert.Contains("too old", stale.Error);
        Assert.True(oldestKept.Succeeded, oldestKept.Error);
        Assert.Equal("baaa", document.Text);
    }

    [Fact]
    public void An_edit_for_a_text_of_another_length_is_refused()
    {
        var document = new PromptDocument();
        document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, "abc")));

        var result = document.Apply(Ben, Edit(1, TextOperation.Insert(5, 5, "x")));

        Assert.Equal("The edit is for a text of 5 characters, but at revision 1 the prompt had 3.", result.Error);
    }

    public static TheoryData<string, TextOperation?> Garbage => new()
    {
        { "The edit is empty.", null },
        { "The edit is empty.", new TextOperation(null!) },
        { "A step in the edit has a length out of range.", new TextOperation([EditStep.Retain(0)]) },
        { "A step in the edit has a length out of range.", new TextOperation([EditStep.Delete(-4)]) },
        { "An insert in the edit has no text or a wrong length.", new TextOperation([new EditStep(EditKind.Insert, 3, null)]) },
        { "An insert in the edit has no text or a wrong length.", new TextOperation([new EditStep(EditKind.Insert, 9, "ab")]) },
        { "The edit contains an unknown step.", new TextOperation([new EditStep((EditKind)42, 1)]) },
        { "The text contains half of a character (a lone surrogate).", TextOperation.Insert(0, 0, "\uD83D") },
        { "The text contains a control character.", TextOperation.Insert(0, 0, "a\u0000b") },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Malformed_edits_are_refused_with_a_message(string expected, TextOperation? operation)
    {
        var document = new PromptDocument();

        var result = document.Apply(Ann, new PromptEdit(Guid.NewGuid(), 0, operation!));

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Error);
        Assert.Equal(0, document.Revision);
    }

    [Fact]
    public void An_edit_without_an_author_or_a_body_is_refused()
    {
        var document = new PromptDocument();

        Assert.Equal("The edit has no author.", document.Apply(Guid.Empty, Edit(0, TextOperation.Insert(0, 0, "a"))).Error);
        Assert.Equal("The edit is empty.", document.Apply(Ann, null).Error);
    }

    [Fact]
    public void Emoji_are_never_split()
    {
        var document = new PromptDocument();
        document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, "a🎨b")));

        var halfDelete = document.Apply(Ben, Edit(1, TextOperation.Delete(4, 1, 1)));
        var insertInside = document.Apply(Ben, Edit(1, TextOperation.Insert(4, 2, "x")));
        var wholeDelete = document.Apply(Ben, Edit(1, TextOperation.Delete(4, 1, 2)));

        Assert.Equal("The edit would split a character (an emoji or other surrogate pair).", halfDelete.Error);
        Assert.False(insertInside.Succeeded);
        Assert.True(wholeDelete.Succeeded);
        Assert.Equal("ab", document.Text);
    }

    [Fact]
    public void Emoji_count_once_in_an_authors_share()
    {
        var document = new PromptDocument();
        document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, "🎨🎨")));
        document.Apply(Ben, Edit(1, TextOperation.Insert(4, 4, "ab")));

        var shares = document.Content.Shares();

        Assert.Equal([new AuthorShare(Ann, 2, 0.5), new AuthorShare(Ben, 2, 0.5)], shares);
    }

    [Fact]
    public void A_resent_edit_is_applied_once()
    {
        var document = new PromptDocument();
        var edit = Edit(0, TextOperation.Insert(0, 0, "a"));

        var first = document.Apply(Ann, edit);
        var again = document.Apply(Ann, edit);

        Assert.False(first.IsRepeat);
        Assert.True(again.IsRepeat);
        Assert.Equal(first.Applied, again.Applied);
        Assert.Equal("a", document.Text);
        Assert.Equal(1, document.Revision);
    }

    [Fact]
    public void A_snapshot_restores_text_authors_and_revision()
    {
        var document = new PromptDocument();
        document.Apply(Ann, Edit(0, TextOperation.Insert(0, 0, "red ")));
        document.Apply(Ben, Edit(1, TextOperation.Insert(4, 4, "fox")));

        var restored = new PromptDocument(document.ToSnapshot());

        Assert.Equal(document.Text, restored.Text);
        Assert.Equal(document.Content.Spans(), restored.Content.Spans());
        Assert.Equal(2, restored.Revision);
        Assert.Contains("too old", restored.Apply(Ann, Edit(1, TextOperation.Insert(4, 0, "x"))).Error);
        Assert.True(restored.Apply(Ann, Edit(2, TextOperation.Insert(7, 0, "a "))).Succeeded);
    }

    [Fact]
    public void A_snapshot_whose_authors_do_not_cover_the_text_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PromptDocument(new PromptSnapshot(1, "abc", [new AuthorSpan(Ann, 0, 2)])));
    }

    [Fact]
    public void Edits_since_a_revision_are_available_while_in_history()
    {
        var document = new PromptDocument(historyLimit: 2);
        for (var i = 0; i < 3; i++)
        {
            document.Apply(Ann, Edit(i, TextOperation.Insert(i, i, "a")));
        }

        Assert.Equal([3L], document.EditsSince(2)!.Select(e => e.Revision));
        Assert.Equal([2L, 3L], document.EditsSince(1)!.Select(e => e.Revision));
        Assert.Null(document.EditsSince(0));
        Assert.Null(document.EditsSince(4));
    }

    private static PromptEdit Edit(long baseRevision, TextOperation operation) => new(Guid.NewGuid(), baseRevision, operation);
}
