using System.Collections.Frozen;

namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// Creates schedulers by our short name (<c>ddim</c>, <c>euler</c>, <c>euler-a</c>, <c>dpmpp-2m</c>,
/// <c>dpmpp-2m-karras</c>, <c>ddpm</c>, <c>lcm</c>, <c>pndm</c>, <c>lms</c>) or by the diffusers class name found in
/// a model's <c>scheduler_config.json</c> (<c>_class_name</c>). Never returns null: an unknown name throws
/// <see cref="UnknownSchedulerException"/>.
/// </summary>
public static class SchedulerFactory
{
    private delegate IScheduler Constructor(SchedulerConfig config, INoiseSource noise);

    private static readonly FrozenDictionary<string, Constructor> ByName = new Dictionary<string, Constructor>
    {
        ["ddim"] = (c, n) => new DdimScheduler(c, n),
        ["euler"] = (c, n) => new EulerScheduler(c, n),
        ["euler-a"] = (c, n) => new EulerAncestralScheduler(c, n),
        // The A1111-style names fix the algorithm whatever the model's config prefers.
        ["dpmpp-2m"] = (c, n) => new DpmSolverMultistepScheduler(
            c with { AlgorithmType = "dpmsolver++", SolverOrder = 2, UseKarrasSigmas = false }, n, "dpmpp-2m"),
        ["dpmpp-2m-karras"] = (c, n) => new DpmSolverMultistepScheduler(
            c with { AlgorithmType = "dpmsolver++", SolverOrder = 2, UseKarrasSigmas = true }, n, "dpmpp-2m-karras"),
        ["ddpm"] = (c, n) => new DdpmScheduler(c, n),
        ["lcm"] = (c, n) => new LcmScheduler(c, n),
        ["pndm"] = (c, n) => new PndmScheduler(c, n),
        ["lms"] = (c, n) => new LmsScheduler(c, n),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>diffusers class names; these honour every option of the config (Karras σ, solver order…).</summary>
    private static readonly FrozenDictionary<string, Constructor> ByDiffusersClass = new Dictionary<string, Constructor>
    {
        ["DDIMScheduler"] = (c, n) => new DdimScheduler(c, n),
        ["EulerDiscreteScheduler"] = (c, n) => new EulerScheduler(c, n),
        ["EulerAncestralDiscreteScheduler"] = (c, n) => new EulerAncestralScheduler(c, n),
        ["DPMSolverMultistepScheduler"] = (c, n) =>
            new DpmSolverMultistepScheduler(c, n, c.UseKarrasSigmas == true ? "dpmpp-2m-karras" : "dpmpp-2m"),
        ["DDPMScheduler"] = (c, n) => new DdpmScheduler(c, n),
        ["LCMScheduler"] = (c, n) => new LcmScheduler(c, n),
        ["PNDMScheduler"] = (c, n) => new PndmScheduler(c, n),
        ["LMSDiscreteScheduler"] = (c, n) => new LmsScheduler(c, n),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Our short names, for menus and validation.</summary>
    public static IReadOnlyList<string> Names { get; } = ByName.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// A scheduler by short name or diffusers class name, configured from the model's scheduler config
    /// (options it omits take the class defaults). Throws <see cref="SchedulerConfigException"/> for an option value
    /// that is not implemented.
    /// </summary>
    public static IScheduler Create(string name, SchedulerConfig config, INoiseSource noise)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(noise);
        if (ByName.TryGetValue(name, out var constructor) || ByDiffusersClass.TryGetValue(name, out constructor))
        {
            return constructor(config, noise);
        }

        throw new UnknownSchedulerException(name, Names.Concat(ByDiffusersClass.Keys.Order(StringComparer.Ordinal)));
    }

    /// <summary>The scheduler a model ships with: the <c>_class_name</c> of its scheduler_config.json.</summary>
    public static IScheduler CreateDefault(SchedulerConfig config, INoiseSource noise) =>
        Create(config.ClassName ?? throw new SchedulerConfigException("The scheduler config names no _class_name"), config, noise);
}
