using System.Text.Json;
using System.Text.Json.Serialization;
using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms.Live;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Rooms;

/// <summary>Saves rooms' live state as one JSON document per room (written whole: it is small and changes together).</summary>
public sealed class EfRoomStateStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time) : IRoomStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<RoomLiveState?> LoadAsync(Guid roomId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.RoomLiveStates.AsNoTracking().FirstOrDefaultAsync(state => state.RoomId == roomId, cancellationToken);
        return row is null ? null : JsonSerializer.Deserialize<RoomLiveState>(row.Json, Json);
    }

    public async Task SaveAsync(Guid roomId, RoomLiveState state, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Rooms.AnyAsync(room => room.Id == roomId, cancellationToken))
        {
            return; // the room was deleted meanwhile
        }

        var row = await db.RoomLiveStates.FirstOrDefaultAsync(existing => existing.RoomId == roomId, cancellationToken);
        if (row is null)
        {
            row = new RoomLiveStateRow { RoomId = roomId };
            db.RoomLiveStates.Add(row);
        }

        row.Json = JsonSerializer.Serialize(state, Json);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
