namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// A scheduler configuration that cannot be used: unreadable <c>scheduler_config.json</c>, a value of the wrong
/// type, or an option (or option value) this engine does not implement. Never silently ignored, because a
/// scheduler that quietly differs from diffusers produces subtly wrong images.
/// </summary>
public sealed class SchedulerConfigException(string message, Exception? innerException = null)
    : Exception(message, innerException);
