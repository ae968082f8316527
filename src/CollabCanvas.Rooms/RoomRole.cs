namespace CollabCanvas.Rooms;

/// <summary>A participant's role in one room. Higher values include the rights of lower ones.</summary>
public enum RoomRole
{
    /// <summary>Watches and reacts.</summary>
    Viewer = 0,

    /// <summary>Edits the prompt, mask and parameters, generates and saves versions.</summary>
    Editor = 1,

    /// <summary>Everything, including changing roles and removing people.</summary>
    Facilitator = 2,
}
