namespace CollabCanvas.Data.Provenance;

/// <summary>A person credited on an image, by the display name they had in the room, and what they did.</summary>
public sealed record Contributor(string Name, ContributorRoles Roles);
