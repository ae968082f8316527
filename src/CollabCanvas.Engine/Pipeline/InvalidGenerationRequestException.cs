namespace CollabCanvas.Engine.Pipeline;

/// <summary>A request the engine cannot run as given; the message is one line meant for the user.</summary>
public sealed class InvalidGenerationRequestException(string message, Exception? innerException = null)
    : Exception(message, innerException);
