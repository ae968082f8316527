using System.Text;
using System.Text.Json;
using CollabCanvas.Data.Images;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Rooms;

/// <summary>
/// The images rooms' saved live state names (their init images), for the image store's sweep: an init image is in
/// no version row, so without this the sweep would delete the picture a room is working from.
/// </summary>
public static class LiveStateImageReferences
{
    /// <summary>How <see cref="EfRoomStateStore"/> writes the init image's field (web JSON: camel case).</summary>
    private static readonly byte[] PropertyName = Encoding.UTF8.GetBytes("initImageHash");

    /// <summary>
    /// Every valid hash found under an <c>initImageHash</c> property anywhere in a room's saved state, so a recipe
    /// kept elsewhere in that document (a last run's, say) keeps its image too.
    /// </summary>
    public static async Task<IReadOnlySet<ImageHash>> ListAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = new HashSet<ImageHash>();
        await foreach (var json in db.RoomLiveStates.AsNoTracking().Select(row => row.Json).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Collect(json, found);
        }

        return found;
    }

    /// <summary>Adds the hashes one saved state names; a document that does not parse names nothing.</summary>
    public static void Collect(string json, ISet<ImageHash> found)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(found);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(PropertyName)
                    && reader.Read() && reader.TokenType == JsonTokenType.String
                    && ImageHash.TryParse(reader.GetString(), out var hash))
                {
                    found.Add(hash);
                }
            }
        }
        catch (JsonException)
        {
            // A damaged row keeps what was read before the damage; the room itself reports it when it loads.
        }
    }
}
