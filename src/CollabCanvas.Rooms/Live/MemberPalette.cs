namespace CollabCanvas.Rooms.Live;

/// <summary>
/// Authors' colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness.
/// Members get the next free index in the order they first connect.
/// </summary>
public static class MemberPalette
{
    public static IReadOnlyList<string> Colors { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"];

    public static string ColorOf(int index) => Colors[((index % Colors.Count) + Colors.Count) % Colors.Count];
}
