using CollabCanvas.Rooms.Live;
using CollabCanvas.Rooms.Mask;
using CollabCanvas.Rooms.Prompt;
using CollabCanvas.Web.Versions;

namespace CollabCanvas.Web.Tests.Versions;

/// <summary>Versions built in memory for the pure and component tests (no database, no engine).</summary>
internal static class VersionSamples
{
    public static readonly Guid Ada = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    public static readonly Guid Bo = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    public static readonly Guid RoomId = Guid.Parse("00000000-0000-0000-0000-0000000000aa");

    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static VersionSummary Summary(string title, int minute, Guid? parent = null, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), RoomId, title, Start.AddMinutes(minute), "Ada", 64, 64, parent,
        [
            new VersionContributor(Ada, "Ada", 0, 6, 6.0 / 9, 0, 0, true, false),
            new VersionContributor(Bo, "Bo <b>", 1, 3, 3.0 / 9, 0, 2, false, true),
        ]);

    /// <summary>"a red " by Ada, then the rest by Bo.</summary>
    public static PromptSnapshot Prompt(string adaPart, string boPart) =>
        new(0, adaPart + boPart,
            new[] { new AuthorSpan(Ada, 0, adaPart.Length), new AuthorSpan(Bo, adaPart.Length, boPart.Length) }.Where(span => span.Length > 0).ToList());

    public static VersionDetails Details(
        VersionSummary summary,
        PromptSnapshot? prompt = null,
        string negative = "",
        RoomParameters? parameters = null,
        long? seed = 42,
        Guid? savedBy = null,
        string note = "",
        IReadOnlyList<VersionEditRecord>? edits = null,
        int strokes = 0) =>
        new(
            summary,
            note,
            savedBy ?? Ada,
            Ada,
            "Ada",
            "tiny-txt2img",
            "sha256:abc",
            "euler_a",
            prompt ?? Prompt("a red ", "fox"),
            new PromptSnapshot(0, negative, negative.Length == 0 ? [] : [new AuthorSpan(Bo, 0, negative.Length)]),
            parameters ?? RoomParameters.Default with { Steps = 20, Guidance = 7.5 },
            seed,
            Enumerable.Range(0, strokes).Select(i => new MaskStroke(Guid.NewGuid(), Bo, MaskTool.Brush, 8, [new StrokePoint(i, i)])).ToList(),
            TimeSpan.FromMilliseconds(1234),
            edits ?? []);
}
