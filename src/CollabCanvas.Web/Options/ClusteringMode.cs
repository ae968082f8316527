namespace CollabCanvas.Web.Options;

/// <summary>How this node's Orleans silo finds the others (<c>Orleans:Cluster</c>).</summary>
public enum ClusteringMode
{
    /// <summary>One node on its own (the default): nothing to run besides the app.</summary>
    Localhost,

    /// <summary>Several web nodes that meet in a Redis membership table (<c>ConnectionStrings:Redis</c>).</summary>
    Redis,
}
