using Bunit;
using CollabCanvas.Web.Components.Rooms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Web.Tests.Components;

public sealed class JoinFormTests : ComponentTestContext
{
    [Fact]
    public async Task An_empty_name_is_refused_next_to_the_name_field()
    {
        var room = await NewRoomAsync(NewAccount("Owner"));
        var form = Render<JoinForm>();

        Fill(form, room.Code, "");

        Assert.Equal("Display name is required.", ErrorFor(form, "join-name"));
        Assert.Empty(GuestSessions.SignIns);
    }

    [Fact]
    public void A_wrong_code_is_refused_next_to_the_code_field()
    {
        var form = Render<JoinForm>();

        Fill(form, "ZZZZZZ", "Ada");

        Assert.Equal("No room has this code. Check it with your facilitator.", ErrorFor(form, "join-code"));
        Assert.Empty(GuestSessions.SignIns);
    }

    [Fact]
    public async Task A_200_character_name_is_refused_with_the_limit()
    {
        var room = await NewRoomAsync(NewAccount("Owner"));
        var form = Render<JoinForm>();

        Fill(form, room.Code, new string('a', 200));

        Assert.Equal("Display name must be at most 40 characters.", ErrorFor(form, "join-name"));
        Assert.Empty(GuestSessions.SignIns);
    }

    [Theory]
    [InlineData("", "Enter the room's join code.")]
    [InlineData("<b>x</b>", "A join code is 6 letters, like KXQMTR.")]
    [InlineData("' OR 1=1", "A join code is 6 letters, like KXQMTR.")]
    public void Malformed_codes_are_refused_before_any_lookup(string code, string message)
    {
        var form = Render<JoinForm>();

        Fill(form, code, "Ada");

        Assert.Equal(message, ErrorFor(form, "join-code"));
    }

    [Fact]
    public async Task A_guest_with_a_good_code_and_name_is_signed_in_to_that_room_and_sent_there()
    {
        var room = await NewRoomAsync(NewAccount("Owner"));
        var form = Render<JoinForm>(parameters => parameters.AddCascadingValue(new DefaultHttpContext() as HttpContext));

        Fill(form, room.Code.ToLowerInvariant(), "  Zoë 👋🏽 ");

        var signIn = Assert.Single(GuestSessions.SignIns);
        Assert.Equal(room.Id, signIn.RoomId);
        Assert.Equal("Zoë 👋🏽", signIn.DisplayName);
        Assert.EndsWith($"rooms/{room.Id}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_signed_in_account_joins_without_typing_a_name()
    {
        var room = await NewRoomAsync(NewAccount("Owner"));
        var member = NewAccount("Member");
        SignIn(member);
        var form = Render<JoinForm>();

        Assert.Empty(form.FindAll("#join-name"));
        form.Find("#join-code").Change(room.Code);
        form.Find("form").Submit();

        Assert.Empty(GuestSessions.SignIns);
        Assert.EndsWith($"rooms/{room.Id}", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.True((await Rooms.GetRoomAsync(member, room.Id)).Succeeded);
    }

    private static void Fill(IRenderedComponent<JoinForm> form, string code, string name)
    {
        form.Find("#join-code").Change(code);
        form.Find("#join-name").Change(name);
        form.Find("form").Submit();
    }

    private static string ErrorFor(IRenderedComponent<JoinForm> form, string inputId) =>
        form.Find($"#{inputId} ~ .validation-message, #{inputId} ~ .cc-field-error").TextContent.Trim();
}
