using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Web.Options;

/// <summary>The Orleans silo co-hosted in the web app (section "Orleans"). One node: localhost clustering.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Port the silo talks to other silos on (loopback only with localhost clustering).</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port external Orleans clients would use; nothing connects to it in a single node.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}
