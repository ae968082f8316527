namespace CollabCanvas.Engine.Schedulers;

/// <summary>What a scheduler's set_timesteps produces: the timesteps and, for sigma schedulers, their noise levels plus the final one.</summary>
internal sealed record TimestepSchedule(double[] Timesteps, float[]? Sigmas);
