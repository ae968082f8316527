using System.Net;
using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms;
using CollabCanvas.Web.Tests.Browser;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>A person signed in over real HTTP, whose cookies a hub connection reuses, as a script would.</summary>
public sealed record HubPerson(Person Person, CookieContainer Cookies)
{
    public RoomActor Actor => Person.Actor;
}

/// <summary>Signs people in through the app's own forms on its real port, keeping their cookies.</summary>
public static class HubPeople
{
    public static async Task<HubPerson> RegisterAsync(BrowserAppFactory app, string name)
    {
        var (client, cookies) = NewClient(app);
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await Forms.RegisterAsync(client, email, name);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        return new HubPerson(new Person(name, client, RoomActor.Account(user!.Id, name)), cookies);
    }

    /// <summary>Joins by code through the join form: the guest cookie names this one membership.</summary>
    public static async Task<HubPerson> JoinAsGuestAsync(BrowserAppFactory app, string code, string name)
    {
        var (client, cookies) = NewClient(app);
        var response = await Forms.JoinAsync(client, code, name);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new HubPerson(new Person(name, client, RoomActor.Anonymous), cookies);
    }

    /// <summary>Nobody signed in: no cookies at all.</summary>
    public static HubPerson Anonymous(BrowserAppFactory app)
    {
        var (client, cookies) = NewClient(app);
        return new HubPerson(new Person("anonymous", client, RoomActor.Anonymous), cookies);
    }

    private static (HttpClient Client, CookieContainer Cookies) NewClient(BrowserAppFactory app)
    {
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        return (new HttpClient(handler) { BaseAddress = new Uri(app.BaseAddress) }, cookies);
    }
}
