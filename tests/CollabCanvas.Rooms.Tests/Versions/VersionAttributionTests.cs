using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Rooms.Versions;

namespace CollabCanvas.Rooms.Tests.Versions;

public sealed class VersionAttributionTests
{
    private static readonly Guid Ada = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Ben = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Cy = new("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid Dee = new("00000000-0000-0000-0000-00000000000d");

    private static PromptSnapshot Text(string text, params AuthorSpan[] spans) => new(1, text, spans);

    private static MaskStroke Stroke(Guid author, MaskTool tool = MaskTool.Brush) =>
        new(Guid.NewGuid(), author, tool, 8, [new StrokePoint(1, 1)]);

    [Fact]
    public void Prompt_shares_come_from_the_authorship_spans()
    {
        // Ada typed "a red " and "fox" (9 characters), Ben typed "big " (4) between them.
        var prompt = Text("a red big fox", new AuthorSpan(Ada, 0, 6), new AuthorSpan(Ben, 6, 4), new AuthorSpan(Ada, 10, 3));

        var credits = VersionAttribution.Compute(prompt, PromptSnapshot.Empty, [], runner: null, saver: Ada);

        var ada = Assert.Single(credits, credit => credit.MemberId == Ada);
        var ben = Assert.Single(credits, credit => credit.MemberId == Ben);
        Assert.Equal(9, ada.PromptCharacters);
        Assert.Equal(9.0 / 13, ada.PromptShare, 9);
        Assert.Equal(4, ben.PromptCharacters);
        Assert.Equal(4.0 / 13, ben.PromptShare, 9);
        Assert.Equal([Ada, Ben], credits.Select(credit => credit.MemberId));
    }

    [Fact]
    public void An_emoji_counts_as_one_character()
    {
        var prompt = Text("🦊a", new AuthorSpan(Ada, 0, 2), new AuthorSpan(Ben, 2, 1));

        var credits = VersionAttribution.Compute(prompt, PromptSnapshot.Empty, [], null, Cy);

        Assert.Equal(0.5, credits.Single(credit => credit.MemberId == Ada).PromptShare, 9);
        Assert.Equal(1, credits.Single(credit => credit.MemberId == Ada).PromptCharacters);
    }

    [Fact]
    public void Negative_prompt_writers_are_credited_as_prompt_writers_without_a_prompt_share()
    {
        var negative = Text("blurry", new AuthorSpan(Cy, 0, 6));

        var cy = VersionAttribution.Compute(PromptSnapshot.Empty, negative, [], null, Ada).Single(credit => credit.MemberId == Cy);

        Assert.Equal(6, cy.NegativePromptCharacters);
        Assert.Equal(0, cy.PromptShare);
        Assert.True(cy.WrotePrompt);
        Assert.False(cy.Saved);
    }

    [Fact]
    public void Mask_painters_are_counted_by_stroke_erasers_included()
    {
        var strokes = new[] { Stroke(Ben), Stroke(Ben), Stroke(Dee, MaskTool.Eraser) };

        var credits = VersionAttribution.Compute(PromptSnapshot.Empty, PromptSnapshot.Empty, strokes, null, Ada);

        Assert.Equal(2, credits.Single(credit => credit.MemberId == Ben).MaskStrokes);
        Assert.True(credits.Single(credit => credit.MemberId == Dee).PaintedMask);
        Assert.False(credits.Single(credit => credit.MemberId == Ada).PaintedMask);
    }

    [Fact]
    public void Runner_and_saver_are_credited_even_when_they_wrote_nothing()
    {
        var prompt = Text("fox", new AuthorSpan(Ada, 0, 3));

        var credits = VersionAttribution.Compute(prompt, PromptSnapshot.Empty, [], runner: Ben, saver: Cy);

        Assert.Equal([Ada, Ben, Cy], credits.Select(credit => credit.MemberId));
        Assert.True(credits[1].Ran);
        Assert.False(credits[1].Saved);
        Assert.True(credits[2].Saved);
        Assert.False(credits[2].Ran);
        Assert.False(credits[0].Ran || credits[0].Saved);
    }

    [Fact]
    public void One_person_doing_everything_is_one_credit_with_every_role()
    {
        var prompt = Text("fox", new AuthorSpan(Ada, 0, 3));

        var ada = Assert.Single(VersionAttribution.Compute(prompt, prompt, [Stroke(Ada)], Ada, Ada));

        Assert.Equal((3, 1.0, 3, 1, true, true), (ada.PromptCharacters, ada.PromptShare, ada.NegativePromptCharacters, ada.MaskStrokes, ada.Ran, ada.Saved));
    }

    [Fact]
    public void Unknown_runner_gives_nobody_the_runner_credit()
    {
        var credits = VersionAttribution.Compute(PromptSnapshot.Empty, PromptSnapshot.Empty, [], runner: null, saver: Ada);

        Assert.DoesNotContain(credits, credit => credit.Ran);
        Assert.True(Assert.Single(credits).Saved);
    }

    [Fact]
    public void Spans_that_do_not_cover_the_text_are_refused()
    {
        var broken = Text("fox", new AuthorSpan(Ada, 0, 2));

        Assert.Throws<ArgumentException>(() => VersionAttribution.Compute(broken, PromptSnapshot.Empty, [], null, Ada));
    }

    [Theory]
    [InlineData(RoomRole.Facilitator, false, true)]
    [InlineData(RoomRole.Editor, true, true)]
    [InlineData(RoomRole.Editor, false, false)]
    [InlineData(RoomRole.Viewer, true, false)]
    public void Title_and_note_are_edited_by_their_saver_or_a_facilitator(RoomRole role, bool isSaver, bool allowed)
    {
        var caller = Guid.NewGuid();

        Assert.Equal(allowed, VersionNoteRule.MayEdit(role, caller, isSaver ? caller : Guid.NewGuid()));
    }
}
