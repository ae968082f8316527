using CollabCanvas.Data.Rooms;
using CollabCanvas.Data.Tests.Databases;
using CollabCanvas.Data.Tests.Postgres;
using CollabCanvas.Rooms.Timeline;
using CollabCanvas.Tests.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Data.Tests.Rooms;

/// <summary><see cref="EfRoomTimelineStore"/> and <see cref="RoomTimelineRows.AddTimelineEntry"/> on each provider.</summary>
public abstract class RoomTimelineStoreTests : DatabaseTests
{
    private EfRoomTimelineStore Store => new(Factory);

    [Fact]
    public async Task Entries_read_back_in_time_order_with_their_details_and_a_grown_burst_is_rewritten_in_place()
    {
        var roomId = await NewRoomAsync();
        var burst = Entry(T0.AddSeconds(1), TimelineKind.PromptEdited, "Ana edited the prompt: +1 / −0 characters", ("inserted", "1"));
        var joined = Entry(T0, TimelineKind.Joined, "Ana joined");
        await Store.SaveAsync(roomId, [burst, joined], CancellationToken.None);

        var grown = burst with { Until = T0.AddSeconds(3), Text = "Ana edited the prompt: +12 / −3 characters", Details = new Dictionary<string, string> { ["inserted"] = "12", ["deleted"] = "3" } };
        var saved = Entry(T0.AddSeconds(4), TimelineKind.VersionSaved, "Ana saved version “Fox”", ("title", "Fox"));
        await Store.SaveAsync(roomId, [grown, saved], CancellationToken.None);

        var read = await ReadAsync(roomId);
        Assert.Equal([TimelineKind.Joined, TimelineKind.PromptEdited, TimelineKind.VersionSaved], read.Select(e => e.Kind));
        var edit = read[1];
        Assert.Equal(grown.Text, edit.Text);
        Assert.Equal(T0.AddSeconds(3), edit.Until);
        Assert.Equal("12", edit.Details["inserted"]);
        Assert.Equal("3", edit.Details["deleted"]);
        Assert.Equal(burst.ActorId, edit.ActorId);
        Assert.Equal("Fox", read[2].Details["title"]);
    }

    [Fact]
    public async Task A_room_never_sees_nor_changes_another_rooms_entries_and_a_deleted_room_takes_none()
    {
        var first = await NewRoomAsync();
        var second = await NewRoomAsync();
        var secret = Entry(T0, TimelineKind.Joined, "Sam joined");
        await Store.SaveAsync(first, [secret], CancellationToken.None);

        // The same id offered for the second room must not move or rewrite the first room's row.
        await Store.SaveAsync(second, [secret with { Text = "overwritten" }, Entry(T0, TimelineKind.Joined, "Bo joined")], CancellationToken.None);
        await Store.SaveAsync(Guid.NewGuid(), [Entry(T0, TimelineKind.Joined, "Nobody joined")], CancellationToken.None);

        Assert.Equal(["Sam joined"], (await ReadAsync(first)).Select(e => e.Text));
        Assert.Equal(["Bo joined"], (await ReadAsync(second)).Select(e => e.Text));
        await using var db = Factory.CreateDbContext();
        Assert.Equal(2, await db.RoomTimeline.CountAsync());
    }

    [Fact]
    public async Task An_entry_added_in_a_services_transaction_commits_with_it_and_deleting_the_room_deletes_its_timeline()
    {
        var roomId = await NewRoomAsync();
        await using (var db = Factory.CreateDbContext())
        {
            db.AddTimelineEntry(roomId, Entry(T0, TimelineKind.VersionSaved, "Ana saved an untitled version"));
            Assert.Empty(await ReadAsync(roomId)); // nothing until the caller commits
            await db.SaveChangesAsync();
        }

        Assert.Single(await ReadAsync(roomId));
        await using (var db = Factory.CreateDbContext())
        {
            db.Rooms.Remove(await db.Rooms.SingleAsync(room => room.Id == roomId));
            await db.SaveChangesAsync();
            Assert.Equal(0, await db.RoomTimeline.CountAsync());
        }
    }

    private static TimelineEntry Entry(DateTimeOffset at, TimelineKind kind, string text, params (string Key, string Value)[] details) =>
        new(Guid.CreateVersion7(at), at, null, kind, Guid.NewGuid(), text.Split(' ')[0], text, details.ToDictionary(d => d.Key, d => d.Value));

    private async Task<List<TimelineEntry>> ReadAsync(Guid roomId)
    {
        var entries = new List<TimelineEntry>();
        await foreach (var entry in Store.ReadAsync(roomId, CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }
}

public sealed class SqliteRoomTimelineStoreTests : RoomTimelineStoreTests
{
    protected override Task<TestDatabase> OpenDatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRoomTimelineStoreTests(PostgresServer server) : RoomTimelineStoreTests
{
    protected override Task<TestDatabase> OpenDatabaseAsync() => TestDatabase.PostgresAsync(server);
}
