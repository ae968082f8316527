namespace CollabCanvas.Rooms.Tests;

public sealed class RoomPolicyTests
{
    private static readonly RoomActor Member = RoomActor.Account("user-1", "Ada");

    [Theory]
    [InlineData(RoomRole.Viewer, RoomAction.ViewRoom, true)]
    [InlineData(RoomRole.Viewer, RoomAction.RenameRoom, false)]
    [InlineData(RoomRole.Editor, RoomAction.ChangeRole, false)]
    [InlineData(RoomRole.Editor, RoomAction.CreateInvite, false)]
    [InlineData(RoomRole.Facilitator, RoomAction.RemoveParticipant, true)]
    public void Members_are_allowed_by_role(RoomRole role, RoomAction action, bool allowed)
    {
        var decision = RoomPolicy.Decide(Member, role, action);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed ? DenialReason.None : DenialReason.RoleTooLow, decision.Reason);
    }

    [Fact]
    public void Every_action_has_a_row_in_the_table()
    {
        foreach (var action in Enum.GetValues<RoomAction>())
        {
            Assert.True(Enum.IsDefined(RoomPolicy.RequiredRole(action)));
        }
    }

    [Fact]
    public void Anonymous_people_are_told_to_sign_in()
    {
        var decision = RoomPolicy.Decide(RoomActor.Anonymous, RoomRole.Facilitator, RoomAction.ViewRoom);

        Assert.False(decision.Allowed);
        Assert.Equal(DenialReason.NotSignedIn, decision.Reason);
    }

    [Fact]
    public void Non_members_are_refused_with_a_message()
    {
        var decision = RoomPolicy.Decide(Member, null, RoomAction.ViewRoom);

        Assert.False(decision.Allowed);
        Assert.Equal(DenialReason.NotAMember, decision.Reason);
        Assert.Contains("not a participant", decision.Message);
    }
}
