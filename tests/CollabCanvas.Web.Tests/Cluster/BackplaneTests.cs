using CollabCanvas.Rooms;
using CollabCanvas.Web.Hubs;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Hub;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Cluster;

/// <summary>
/// The rooms hub's Redis backplane is opt-in, applies to the rooms hub only (never to the pages' circuits), and a
/// Redis that is down when the app starts stops neither the start nor the pages; the hub works once Redis is up.
/// (The two-node test runs with it on and checks every event arrives once.)
/// </summary>
public sealed class BackplaneTests : IClassFixture<RedisDownBackplaneAppFactory>
{
    private readonly RedisDownBackplaneAppFactory _app;

    public BackplaneTests(RedisDownBackplaneAppFactory app) => _app = app;

    [Fact]
    public void The_backplane_serves_the_rooms_hub_alone_and_is_off_by_default()
    {
        Assert.IsType<RedisHubLifetimeManager<RoomsHub>>(_app.Services.GetRequiredService<HubLifetimeManager<RoomsHub>>());

        // Any other hub (the pages' circuits) keeps the in-memory manager.
        Assert.IsType<DefaultHubLifetimeManager<OtherHub>>(_app.Services.GetRequiredService<HubLifetimeManager<OtherHub>>());

        using var plain = new AppFactory();
        Assert.IsType<DefaultHubLifetimeManager<RoomsHub>>(plain.Services.GetRequiredService<HubLifetimeManager<RoomsHub>>());
    }

    [Fact]
    public async Task With_Redis_down_the_app_starts_and_serves_its_pages()
    {
        var ada = await HubPeople.RegisterAsync(_app, "Ada");
        var room = await People.CreateRoomAsync(_app, ada.Person);
        var page = await ada.Person.Client.GetAsync($"/rooms/{room.Id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ada.Person.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Once_Redis_is_up_the_rooms_hub_works_over_the_backplane_without_a_restart()
    {
        var ada = await HubPeople.RegisterAsync(_app, "Ada");
        var bo = await HubPeople.RegisterAsync(_app, "Bo");
        var room = await People.CreateRoomAsync(_app, ada.Person);
        await People.AddMemberAsync(_app, ada.Person, room, bo.Person, RoomRole.Editor);

        // The app started with no Redis; abortConnect=false keeps it trying, so once Redis is there the hub works.
        // (While Redis is down, SignalR's backplane may refuse hub connections or drop their messages.)
        await using var redis = await RedisServer.StartAsync(_app.RedisPort, TimeSpan.FromSeconds(20));
        var a = await ConnectWhenRedisIsBackAsync(ada);
        await using var _ = a;
        await using var b = await RoomHubClient.ConnectAsync(_app, bo);
        await a.JoinAsync(room.Id);
        await b.JoinAsync(room.Id);
        await a.TypeAsync(0, "a lighthouse");
        await RoomHubClient.WaitUntilAsync(() => b.PromptText == "a lighthouse", () => $"Bo reads Ada's edit once (reads \"{b.PromptText}\")");
        Assert.Single(b.Events<CollabCanvas.Rooms.Live.PromptEdited>(room.Id));
    }

    private async Task<RoomHubClient> ConnectWhenRedisIsBackAsync(HubPerson person)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await RoomHubClient.ConnectAsync(_app, person);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Stands for any hub other than the rooms hub.</summary>
    public sealed class OtherHub : Microsoft.AspNetCore.SignalR.Hub;
}
