namespace CollabCanvas.Rooms.Prompt;

/// <summary>A run of the prompt written by one person: what the editor colours.</summary>
/// <param name="Start">First UTF-16 code unit of the run.</param>
/// <param name="Length">Code units in the run.</param>
[GenerateSerializer, Immutable]
public sealed record AuthorSpan([property: Id(0)] Guid Author, [property: Id(1)] int Start, [property: Id(2)] int Length);

/// <summary>How much of the prompt one person wrote: what a saved version credits.</summary>
/// <param name="Characters">Characters (Unicode scalar values, so an emoji counts once) by this author.</param>
/// <param name="Fraction">Their share of all characters, 0..1.</param>
[GenerateSerializer, Immutable]
public sealed record AuthorShare([property: Id(0)] Guid Author, [property: Id(1)] int Characters, [property: Id(2)] double Fraction);
