namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// How N inference timesteps are picked from the training timesteps (table 2 of "Common Diffusion Noise Schedules
/// and Sample Steps are Flawed"): <c>leading</c> 0, k, 2k… plus steps_offset; <c>trailing</c> counts down from the
/// last training step; <c>linspace</c> spreads evenly over [0, T-1].
/// </summary>
public enum TimestepSpacing
{
    Leading,
    Trailing,
    Linspace,
}
