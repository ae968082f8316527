using System.Globalization;
using CollabCanvas.Rooms.Prompt;
using CsCheck;

namespace CollabCanvas.Rooms.Tests.Prompt;

/// <summary>
/// The algebra the convergence property rests on, checked on random edits of random text with emoji:
/// transform (TP1) and compose. A JavaScript mirror of the client must pass the same properties.
/// </summary>
public sealed class TransformProperties
{
    private const int Runs = 2_000;
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    /// <summary>Text of letters and emoji, and two lists of choices that become edits of it.</summary>
    private static readonly Gen<(int[] Text, int[] A, int[] B, bool AFirst)> CaseGen = Gen.Select(
        Gen.Int[0, 29].Array[0, 40],
        Gen.Int[0, 1000].Array[0, 12],
        Gen.Int[0, 1000].Array[0, 12],
        Gen.Bool);

    [Fact]
    public void Concurrent_edits_commute_after_transformation_with_authorship() =>
        CaseGen.Sample(c =>
        {
            var text = Seed(c.Text);
            var a = EditOf(text.Text, c.A);
            var b = EditOf(text.Text, c.B);

            var (aPrime, bPrime) = OperationTransform.Transform(a, b, c.AFirst);
            var viaA = text.Apply(a, First).Apply(bPrime, Second);
            var viaB = text.Apply(b, Second).Apply(aPrime, First);

            Assert.Equal(viaA.Text, viaB.Text);
            Assert.Equal(viaA.Spans(), viaB.Spans());
            Assert.Null(OperationCheck.CheckInsertedText(viaA.Text));
        }, iter: Runs);

    [Fact]
    public void Composed_edits_do_what_both_did() =>
        CaseGen.Sample(c =>
        {
            var text = Seed(c.Text);
            var a = EditOf(text.Text, c.A);
            var afterA = text.Apply(a, First);
            var b = EditOf(afterA.Text, c.B);

            var composed = OperationTransform.Compose(a, b);

            Assert.Equal(afterA.Apply(b, First).Text, text.Apply(composed, First).Text);
        }, iter: Runs);

    private static AuthoredText Seed(int[] characters)
    {
        var text = string.Concat(characters.Select(Character));
        return text.Length == 0 ? AuthoredText.Empty : AuthoredText.FromSpans(text, [new AuthorSpan(Guid.Empty, 0, text.Length)]);
    }

    private static string Character(int choice) => choice < 26 ? ((char)('a' + choice)).ToString() : char.ConvertFromUtf32(0x1F3A8 + choice);

    /// <summary>Walks the text character by character, retaining, deleting or inserting as the choices say.</summary>
    private static TextOperation EditOf(string text, int[] choices)
    {
        var elements = StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToArray();
        var steps = new List<EditStep>();
        var at = 0; // index into elements: the next character
        foreach (var choice in choices)
        {
            var count = Math.Min(1 + choice / 3 % 4, elements.Length - 1 - at);
            switch (choice % 3)
            {
                case 0 when count > 0:
                    steps.Add(EditStep.Retain(elements[at + count] - elements[at]));
                    at += count;
                    break;
                case 1 when count > 0:
                    steps.Add(EditStep.Delete(elements[at + count] - elements[at]));
                    at += count;
                    break;
                default:
                    steps.Add(EditStep.Insert(Character(choice % 30)));
                    break;
            }
        }

        if (text.Length > elements[at])
        {
            steps.Add(EditStep.Retain(text.Length - elements[at]));
        }

        return new TextOperation(steps).Normalize();
    }
}
