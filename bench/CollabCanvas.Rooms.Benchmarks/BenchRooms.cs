using CollabCanvas.Data.Entities;
using CollabCanvas.Web.Rooms;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>Rooms for a benchmark: a facilitator signed in through the app's forms creates one and gets its join code.</summary>
internal static class BenchRooms
{
    public static async Task<(Guid RoomId, string Code, System.Net.CookieContainer Cookies)> CreateAsync(BenchHost host, CancellationToken cancellationToken)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        var cookies = await BenchPeople.RegisterAsync(host.BaseAddress, email, "Facilitator", cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException("The registered facilitator was not found.");
        var rooms = host.Services.GetRequiredService<RoomService>();
        var actor = RoomActor.Account(user.Id, "Facilitator");
        var created = await rooms.CreateRoomAsync(actor, "Bench room", null, cancellationToken);
        var details = await rooms.GetRoomAsync(actor, created.Value!.Id, cancellationToken);
        return (created.Value.Id, details.Value!.JoinCode!, cookies);
    }
}
