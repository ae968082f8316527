using CollabCanvas.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CollabCanvas.Data;

/// <summary>
/// Saved versions are a record of what happened: a bug elsewhere must not be able to rewrite one. Only the title and
/// note may change (their history is kept as <see cref="RoomVersionEdit"/> rows), and edits are never changed.
/// </summary>
internal static class RoomVersionImmutability
{
    private static readonly HashSet<string> Editable = [nameof(RoomVersion.Title), nameof(RoomVersion.Note)];

    /// <exception cref="InvalidOperationException">A pending change touches a saved version's recipe or an edit record.</exception>
    public static void Check(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries<RoomVersion>().Where(entry => entry.State == EntityState.Modified))
        {
            var touched = entry.Properties.Where(property => property.IsModified && !Editable.Contains(property.Metadata.Name)).ToList();
            if (touched.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Version {entry.Entity.Id} is immutable; only its title and note may change (tried: {string.Join(", ", touched.Select(p => p.Metadata.Name))}).");
            }
        }

        if (changes.Entries<RoomVersionEdit>().Any(entry => entry.State == EntityState.Modified))
        {
            throw new InvalidOperationException("The history of a version's title and note is never rewritten.");
        }
    }
}
