using System.Xml.Linq;

namespace CollabCanvas.Data.Provenance;

/// <summary>The XMP namespaces and values the provenance packet uses.</summary>
internal static class XmpNames
{
    public static readonly XNamespace X = "adobe:ns:meta/";
    public static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";
    public static readonly XNamespace Iptc4xmpExt = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    /// <summary>IPTC's term for media made by a model trained on sampled content (text-to-image and the like).</summary>
    public const string TrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    /// <summary>The PNG iTXt keyword under which XMP lives.</summary>
    public const string PngKeyword = "XML:com.adobe.xmp";

    /// <summary>Role words written in Iptc4xmpExt:Contributor/Iptc4xmpExt:Role, one per flag.</summary>
    public static readonly IReadOnlyList<(ContributorRoles Role, string Word)> RoleWords =
    [
        (ContributorRoles.PromptWriter, "prompt writer"),
        (ContributorRoles.MaskPainter, "mask painter"),
        (ContributorRoles.Runner, "runner"),
        (ContributorRoles.Saver, "saver"),
    ];
}
