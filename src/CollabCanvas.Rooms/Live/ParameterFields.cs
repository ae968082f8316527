using System.Reflection;

namespace CollabCanvas.Rooms.Live;

/// <summary>Which parameter fields differ between two sets: what a whole replacement (a restore) credits to its author.</summary>
public static class ParameterFields
{
    // Every public property, so a field added to RoomParameters later is compared without touching this list.
    private static readonly PropertyInfo[] Fields = typeof(RoomParameters).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>Names of the fields whose values differ, as <see cref="ParameterChange.ApplyTo"/> names them.</summary>
    public static IReadOnlyList<string> Changed(RoomParameters before, RoomParameters after) =>
        Fields.Where(field => !Equals(field.GetValue(before), field.GetValue(after))).Select(field => field.Name).ToList();
}
