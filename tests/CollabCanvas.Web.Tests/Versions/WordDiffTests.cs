using CollabCanvas.Web.Versions;

namespace CollabCanvas.Web.Tests.Versions;

public sealed class WordDiffTests
{
    [Fact]
    public void A_changed_word_is_the_only_difference_marked()
    {
        var pieces = WordDiff.Compute("a red fox, in snow", "a red cat, in snow");

        Assert.Equal(
            [new(DiffKind.Same, "a red "), new(DiffKind.Removed, "fox"), new(DiffKind.Added, "cat"), new DiffPiece(DiffKind.Same, ", in snow")],
            pieces);
    }

    [Fact]
    public void Added_and_removed_words_keep_the_common_words_in_order()
    {
        var pieces = WordDiff.Compute("a fox in snow", "a small fox at dawn in snow");

        Assert.Equal("a fox in snow", Side(pieces, DiffKind.Added));
        Assert.Equal("a small fox at dawn in snow", Side(pieces, DiffKind.Removed));
        Assert.Equal(["small", "at dawn"], pieces.Where(p => p.Kind == DiffKind.Added).Select(p => p.Text.Trim()));
        Assert.DoesNotContain(pieces, p => p.Kind == DiffKind.Removed);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "new words")]
    [InlineData("old words", "")]
    [InlineData("same text", "same text")]
    [InlineData("café 🦊 fox", "café 🐱 fox")]
    [InlineData("line one\nline two", "line one\nline 2")]
    public void Each_side_reads_back_as_its_own_text(string before, string after)
    {
        var pieces = WordDiff.Compute(before, after);

        Assert.Equal(before, Side(pieces, DiffKind.Added));
        Assert.Equal(after, Side(pieces, DiffKind.Removed));
        Assert.Equal(before == after, pieces.All(p => p.Kind == DiffKind.Same));
        // Adjacent pieces of one kind are merged.
        Assert.All(pieces.Zip(pieces.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
    }

    [Fact]
    public void An_emoji_is_one_unit_never_split_between_pieces()
    {
        var pieces = WordDiff.Compute("🦊", "🐱");

        Assert.Equal([new(DiffKind.Removed, "🦊"), new DiffPiece(DiffKind.Added, "🐱")], pieces);
    }

    [Fact]
    public void Pathologically_long_changes_are_shown_replaced_whole_instead_of_costing_a_huge_table()
    {
        var before = string.Join(",", Enumerable.Range(0, 1500).Select(i => (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var after = string.Join(";", Enumerable.Range(0, 1500).Select(i => (i % 5).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var pieces = WordDiff.Compute("x " + before, "x " + after);

        Assert.Equal([DiffKind.Same, DiffKind.Removed, DiffKind.Added], pieces.Select(p => p.Kind));
        Assert.Equal("x " + before, Side(pieces, DiffKind.Added));
        Assert.Equal("x " + after, Side(pieces, DiffKind.Removed));
    }

    private static string Side(IEnumerable<DiffPiece> pieces, DiffKind leftOut) =>
        string.Concat(pieces.Where(piece => piece.Kind != leftOut).Select(piece => piece.Text));
}
