using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Live;

/// <summary>Someone's caret or selection in a prompt, in the text as the <see cref="RoomSnapshot"/> carrying it has it.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomCaret([property: Id(0)] Guid MemberId, [property: Id(1)] PromptField Field, [property: Id(2)] TextSelection Selection);
