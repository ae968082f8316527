using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Tests.Prompt;

public sealed class TransformTests
{
    private static readonly Guid Ann = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Ben = Guid.Parse("00000000-0000-0000-0000-000000000002");

    [Fact]
    public void Concurrent_inserts_at_one_place_are_ordered_by_author_whoever_arrives_first()
    {
        foreach (var annFirst in new[] { true, false })
        {
            var document = new PromptDocument();
            var fromAnn = new PromptEdit(Guid.NewGuid(), 0, TextOperation.Insert(0, 0, "ann"));
            var fromBen = new PromptEdit(Guid.NewGuid(), 0, TextOperation.Insert(0, 0, "ben"));
            if (annFirst)
            {
                document.Apply(Ann, fromAnn);
                document.Apply(Ben, fromBen);
            }
            else
            {
                document.Apply(Ben, fromBen);
                document.Apply(Ann, fromAnn);
            }

            Assert.Equal("annben", document.Text);
        }
    }

    [Fact]
    public void Text_typed_inside_a_concurrently_deleted_range_survives()
    {
        var text = Seed("hello world");
        var delete = TextOperation.Delete(11, 3, 5); // "lo wo"
        var insert = TextOperation.Insert(11, 5, "X"); // between "hello" and " world"

        var (deletePrime, insertPrime) = OperationTransform.Transform(delete, insert, OperationTransform.InsertsFirst(Ann, Ben));
        var viaDeleteFirst = text.Apply(delete, Ann).Apply(insertPrime, Ben);
        var viaInsertFirst = text.Apply(insert, Ben).Apply(deletePrime, Ann);

        Assert.Equal("helXrld", viaDeleteFirst.Text);
        Assert.Equal(viaDeleteFirst.Text, viaInsertFirst.Text);
        Assert.Equal(Ben, viaInsertFirst.AuthorAt(3));
        Assert.Equal("r3 d2 r1 d3 r3", deletePrime.ToString()); // the delete split around the new X
    }

    [Fact]
    public void Overlapping_deletes_remove_the_union_once()
    {
        var text = Seed("abcdef");
        var first = TextOperation.Delete(6, 1, 3); // "bcd"
        var second = TextOperation.Delete(6, 2, 3); // "cde"

        var (firstPrime, secondPrime) = OperationTransform.Transform(first, second, aInsertsFirst: true);

        Assert.Equal("af", text.Apply(first, Ann).Apply(secondPrime, Ben).Text);
        Assert.Equal("af", text.Apply(second, Ben).Apply(firstPrime, Ann).Text);
    }

    [Fact]
    public void Insert_and_delete_at_the_same_place_keep_the_insert()
    {
        var text = Seed("abc");
        var insert = TextOperation.Insert(3, 1, "Z");
        var delete = TextOperation.Delete(3, 1, 1); // "b"

        var (insertPrime, deletePrime) = OperationTransform.Transform(insert, delete, aInsertsFirst: false);

        Assert.Equal("aZc", text.Apply(insert, Ann).Apply(deletePrime, Ben).Text);
        Assert.Equal("aZc", text.Apply(delete, Ben).Apply(insertPrime, Ann).Text);
    }

    [Fact]
    public void Compose_has_the_effect_of_both_operations()
    {
        var text = Seed("abc");
        var first = TextOperation.Insert(3, 3, "def");
        var second = TextOperation.Delete(6, 1, 3); // "bcd"

        var composed = OperationTransform.Compose(first, second);

        Assert.Equal("aef", text.Apply(composed, Ann).Text);
        Assert.Equal(text.Apply(first, Ann).Apply(second, Ann).Text, text.Apply(composed, Ann).Text);
    }

    [Fact]
    public void Operations_on_texts_of_different_lengths_cannot_be_transformed()
    {
        Assert.Throws<ArgumentException>(() =>
            OperationTransform.Transform(TextOperation.Identity(3), TextOperation.Identity(4), aInsertsFirst: true));
    }

    [Fact]
    public void Normal_form_merges_steps_and_puts_inserts_before_deletes()
    {
        var messy = new TextOperation([EditStep.Retain(1), EditStep.Retain(2), EditStep.Delete(1), EditStep.Insert("x"), EditStep.Insert("y")]);

        Assert.Equal("r3 i\"xy\" d1", messy.Normalize().ToString());
    }

    private static AuthoredText Seed(string text) => AuthoredText.FromSpans(text, [new AuthorSpan(Guid.NewGuid(), 0, text.Length)]);
}
