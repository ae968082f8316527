using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Tests.Prompt;

public sealed class PromptClientTests
{
    private static readonly Guid Ann = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Ben = Guid.Parse("00000000-0000-0000-0000-000000000002");

    [Fact]
    public void One_edit_is_in_flight_and_later_typing_waits_in_a_buffer()
    {
        var server = new PromptDocument();
        var client = new PromptClient(Ann, server.ToSnapshot());

        var first = client.Insert(0, "a").ToSend;
        var second = client.Insert(1, "b");
        var third = client.Insert(2, "c");

        Assert.NotNull(first);
        Assert.True(second.Succeeded);
        Assert.Null(second.ToSend);
        Assert.Null(third.ToSend);
        Assert.Equal("abc", client.Text);

        // The acknowledgement releases the buffer as one edit based on the acknowledged revision.
        var buffered = client.Receive(server.Apply(Ann, first!).Applied!);
        Assert.NotNull(buffered);
        Assert.Equal(1, buffered!.BaseRevision);
        Assert.Equal("r1 i\"bc\"", buffered.Operation.ToString());
        Assert.Null(client.Receive(server.Apply(Ann, buffered).Applied!));
        Assert.False(client.HasPending);
        Assert.Equal("abc", server.Text);
    }

    [Fact]
    public void Local_edits_out_of_range_or_splitting_an_emoji_are_refused_and_change_nothing()
    {
        var client = new PromptClient(Ann, new PromptSnapshot(4, "a🎨", [new AuthorSpan(Ben, 0, 3)]));

        Assert.Equal("Position 9 is outside the prompt (0 to 3).", client.Insert(9, "x").Error);
        Assert.False(client.Insert(-1, "x").Succeeded);
        Assert.False(client.Insert(0, "").Succeeded);
        Assert.False(client.Delete(2, 5).Succeeded);
        Assert.False(client.Delete(0, 0).Succeeded);
        Assert.Contains("split a character", client.Insert(2, "x").Error);
        Assert.Contains("split a character", client.Delete(0, 2).Error);
        Assert.False(client.Insert(0, new string('x', OperationCheck.MaxLength)).Succeeded);
        Assert.Equal("a🎨", client.Text);
        Assert.False(client.HasPending);
    }

    [Fact]
    public void A_skipped_revision_asks_for_a_resync_and_a_repeated_one_is_ignored()
    {
        var server = new PromptDocument();
        var client = new PromptClient(Ann, server.ToSnapshot());
        var first = server.Apply(Ben, new PromptEdit(Guid.NewGuid(), 0, TextOperation.Insert(0, 0, "a"))).Applied!;
        var second = server.Apply(Ben, new PromptEdit(Guid.NewGuid(), 1, TextOperation.Insert(1, 1, "b"))).Applied!;

        Assert.Throws<InvalidOperationException>(() => client.Receive(second));
        client.Receive(first);
        client.Receive(first);
        client.Receive(second);

        Assert.Equal("ab", client.Text);
        Assert.Equal(2, client.Revision);
    }

    [Fact]
    public void A_resent_edit_after_a_lost_acknowledgement_is_not_applied_twice()
    {
        var server = new PromptDocument();
        var client = new PromptClient(Ann, server.ToSnapshot());
        var edit = client.Insert(0, "hi").ToSend!;
        server.Apply(Ann, edit); // the acknowledgement is lost with the connection

        var repeat = server.Apply(Ann, client.InFlight!);
        client.Receive(repeat.Applied!);

        Assert.True(repeat.IsRepeat);
        Assert.Equal("hi", server.Text);
        Assert.Equal("hi", client.Text);
        Assert.False(client.HasPending);
    }

    [Fact]
    public void Resync_replaces_the_text_and_drops_unacknowledged_edits()
    {
        var client = new PromptClient(Ann, PromptSnapshot.Empty);
        client.Insert(0, "lost");

        client.Resync(new PromptSnapshot(7, "kept", [new AuthorSpan(Ben, 0, 4)]));

        Assert.Equal("kept", client.Text);
        Assert.Equal(7, client.Revision);
        Assert.False(client.HasPending);
        Assert.Equal(Ben, client.Content.AuthorAt(0));
    }
}
