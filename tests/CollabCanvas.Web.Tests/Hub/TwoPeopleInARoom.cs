using CollabCanvas.Rooms;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>
/// Where most hub tests start: Ada registers and creates a room (so she is its Facilitator), a second person
/// registers and is added with a role, and each has a hub client joined to the room, Ada's first. Each client's
/// protocol is the test's choice, so tests can cover JSON and MessagePack side by side. Disposing closes both.
/// </summary>
public sealed class TwoPeopleInARoom : IAsyncDisposable
{
    private TwoPeopleInARoom(HubPerson ada, HubPerson second, (Guid Id, string Code) room, Guid secondMemberId, RoomHubClient adaClient, RoomHubClient secondClient)
    {
        Ada = ada;
        Second = second;
        Room = room;
        SecondMemberId = secondMemberId;
        AdaClient = adaClient;
        SecondClient = secondClient;
    }

    public HubPerson Ada { get; }

    public HubPerson Second { get; }

    public (Guid Id, string Code) Room { get; }

    public Guid SecondMemberId { get; }

    public RoomHubClient AdaClient { get; }

    public RoomHubClient SecondClient { get; }

    public static async Task<TwoPeopleInARoom> JoinAsync(BrowserAppFactory app, string secondName, RoomRole secondRole,
        bool adaOnMessagePack = false, bool secondOnMessagePack = false)
    {
        var ada = await HubPeople.RegisterAsync(app, "Ada");
        var second = await HubPeople.RegisterAsync(app, secondName);
        var room = await People.CreateRoomAsync(app, ada.Person);
        var secondMemberId = await People.AddMemberAsync(app, ada.Person, room, second.Person, secondRole);

        var adaClient = await RoomHubClient.ConnectAsync(app, ada, adaOnMessagePack);
        RoomHubClient? secondClient = null;
        try
        {
            secondClient = await RoomHubClient.ConnectAsync(app, second, secondOnMessagePack);
            await adaClient.JoinAsync(room.Id);
            await secondClient.JoinAsync(room.Id);
            return new TwoPeopleInARoom(ada, second, room, secondMemberId, adaClient, secondClient);
        }
        catch
        {
            // The test never gets them, so it cannot close them.
            await adaClient.DisposeAsync();
            if (secondClient is not null)
            {
                await secondClient.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await SecondClient.DisposeAsync();
        await AdaClient.DisposeAsync();
    }
}
