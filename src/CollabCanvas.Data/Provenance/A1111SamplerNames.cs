using System.Collections.Frozen;

namespace CollabCanvas.Data.Provenance;

/// <summary>
/// How AUTOMATIC1111 names our schedulers in infotext, so its PNG Info and galleries show "Euler a" rather than
/// "euler-a". Since A1111 1.9 the noise schedule is a separate "Schedule type" field ("DPM++ 2M" + "Karras",
/// formerly "DPM++ 2M Karras").
/// </summary>
public static class A1111SamplerNames
{
    private static readonly FrozenDictionary<string, A1111Sampler> ByEngineName = new Dictionary<string, A1111Sampler>
    {
        // engine short names
        ["ddim"] = new("DDIM", null),
        ["ddpm"] = new("DDPM", null),
        ["euler"] = new("Euler", null),
        ["euler-a"] = new("Euler a", null),
        ["dpmpp-2m"] = new("DPM++ 2M", null),
        ["dpmpp-2m-karras"] = new("DPM++ 2M", "Karras"),
        ["lcm"] = new("LCM", null),
        ["lms"] = new("LMS", null),
        ["pndm"] = new("PLMS", null),
        // diffusers class names, as the engine reports a model's default scheduler
        ["DDIMScheduler"] = new("DDIM", null),
        ["DDPMScheduler"] = new("DDPM", null),
        ["EulerDiscreteScheduler"] = new("Euler", null),
        ["EulerAncestralDiscreteScheduler"] = new("Euler a", null),
        ["DPMSolverMultistepScheduler"] = new("DPM++ 2M", null),
        ["LCMScheduler"] = new("LCM", null),
        ["LMSDiscreteScheduler"] = new("LMS", null),
        ["PNDMScheduler"] = new("PLMS", null),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The A1111 sampler and schedule type for an engine scheduler name (<c>euler-a</c>) or diffusers class name
    /// (<c>EulerAncestralDiscreteScheduler</c>); a name A1111 has no label for is written as it is.
    /// </summary>
    public static A1111Sampler For(string schedulerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedulerName);
        return ByEngineName.TryGetValue(schedulerName, out var sampler) ? sampler : new A1111Sampler(schedulerName, null);
    }
}

/// <param name="Sampler">A1111's "Sampler" value.</param>
/// <param name="ScheduleType">A1111's "Schedule type" value; null to leave the field out.</param>
public sealed record A1111Sampler(string Sampler, string? ScheduleType);
