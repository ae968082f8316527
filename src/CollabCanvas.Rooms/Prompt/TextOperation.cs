using System.Text.Json.Serialization;

namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// A change to the whole prompt, as a walk over it: retain, insert and delete steps that together cover
/// every code unit of the text it applies to (the ot.js shape). A single keystroke is
/// retain(position) · insert(text) · retain(rest); a transformed delete that had an insert land in its
/// middle simply becomes delete · retain · delete, which a lone insert/delete record could not say.
/// Positions are UTF-16 code units, as in JavaScript and .NET strings.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TextOperation([property: Id(0)] IReadOnlyList<EditStep> Steps)
{
    /// <summary>Length of the text this operation applies to.</summary>
    [JsonIgnore]
    public int BaseLength => Steps.Sum(s => s.Kind == EditKind.Insert ? 0 : s.Count);

    /// <summary>Length of the text after it is applied.</summary>
    [JsonIgnore]
    public int TargetLength => Steps.Sum(s => s.Kind switch
    {
        EditKind.Retain => s.Count,
        EditKind.Insert => s.Text?.Length ?? 0,
        _ => 0,
    });

    /// <summary>True when applying it changes nothing.</summary>
    [JsonIgnore]
    public bool IsNoOp => Steps.All(s => s.Kind == EditKind.Retain);

    /// <summary>Inserts <paramref name="text"/> at <paramref name="position"/> of a text <paramref name="length"/> long.</summary>
    public static TextOperation Insert(int length, int position, string text) =>
        new OperationBuilder().Retain(position).Insert(text).Retain(length - position).Build();

    /// <summary>Deletes <paramref name="count"/> code units at <paramref name="position"/> of a text <paramref name="length"/> long.</summary>
    public static TextOperation Delete(int length, int position, int count) =>
        new OperationBuilder().Retain(position).Delete(count).Retain(length - position - count).Build();

    /// <summary>Changes nothing in a text <paramref name="length"/> long.</summary>
    public static TextOperation Identity(int length) => new OperationBuilder().Retain(length).Build();

    /// <summary>The same steps in normal form: adjacent steps of one kind merged, an insert before a delete at the same place.</summary>
    public TextOperation Normalize()
    {
        var builder = new OperationBuilder();
        foreach (var step in Steps)
        {
            builder.Add(step);
        }

        return builder.Build();
    }

    public override string ToString() => string.Join(" ", Steps.Select(s => s.Kind switch
    {
        EditKind.Retain => $"r{s.Count}",
        EditKind.Insert => $"i\"{s.Text}\"",
        _ => $"d{s.Count}",
    }));
}
