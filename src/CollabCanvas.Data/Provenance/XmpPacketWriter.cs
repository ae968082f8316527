using System.Text;
using System.Xml;
using System.Xml.Linq;
using static CollabCanvas.Data.Provenance.XmpNames;

namespace CollabCanvas.Data.Provenance;

/// <summary>
/// The XMP packet that marks an image as AI-generated and credits the people who made it:
/// <list type="bullet">
/// <item><c>Iptc4xmpExt:DigitalSourceType</c> = IPTC's trainedAlgorithmicMedia (what platforms check to label AI images);</item>
/// <item><c>dc:creator</c>: every contributor's name (an ordered rdf:Seq, as the XMP spec types dc:creator);</item>
/// <item><c>Iptc4xmpExt:Contributor</c>: each person with their roles (IPTC 2021.1 "Contributor": Name + Role).</item>
/// </list>
/// </summary>
public static class XmpPacketWriter
{
    /// <summary>The name written as xmp:CreatorTool.</summary>
    public const string CreatorTool = "CollabCanvas";

    public static string Write(IReadOnlyList<Contributor> contributors)
    {
        ArgumentNullException.ThrowIfNull(contributors);
        var description = new XElement(Rdf + "Description",
            new XAttribute(Rdf + "about", ""),
            new XElement(Iptc4xmpExt + "DigitalSourceType", TrainedAlgorithmicMedia),
            new XElement(Xmp + "CreatorTool", CreatorTool));

        if (contributors.Count > 0)
        {
            description.Add(
                new XElement(Dc + "creator", new XElement(Rdf + "Seq",
                    contributors.Select(c => new XElement(Rdf + "li", XmlSafe(c.Name))))),
                new XElement(Iptc4xmpExt + "Contributor", new XElement(Rdf + "Bag",
                    contributors.Select(ContributorEntry))));
        }

        var meta = new XElement(X + "xmpmeta",
            new XAttribute(XNamespace.Xmlns + "x", X),
            new XElement(Rdf + "RDF",
                new XAttribute(XNamespace.Xmlns + "rdf", Rdf),
                new XAttribute(XNamespace.Xmlns + "dc", Dc),
                new XAttribute(XNamespace.Xmlns + "xmp", Xmp),
                new XAttribute(XNamespace.Xmlns + "Iptc4xmpExt", Iptc4xmpExt),
                description));

        var text = new StringBuilder();
        // The xpacket wrapper lets XMP scanners find the packet without parsing the file format around it.
        text.Append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true }))
        {
            meta.WriteTo(writer);
        }

        return text.Append("\n<?xpacket end=\"r\"?>").ToString();
    }

    private static XElement ContributorEntry(Contributor contributor) =>
        new(Rdf + "li",
            new XAttribute(Rdf + "parseType", "Resource"),
            new XElement(Iptc4xmpExt + "Name", new XElement(Rdf + "Alt",
                new XElement(Rdf + "li", new XAttribute(XNamespace.Xml + "lang", "x-default"), XmlSafe(contributor.Name)))),
            new XElement(Iptc4xmpExt + "Role", new XElement(Rdf + "Bag",
                RoleWords.Where(r => contributor.Roles.HasFlag(r.Role)).Select(r => new XElement(Rdf + "li", r.Word)))));

    /// <summary>XML 1.0 cannot hold most control characters or a lone surrogate; a display name never should, but one must not break the download.</summary>
    private static string XmlSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(text[i]).Append(text[++i]);
            }
            else
            {
                safe.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return safe.ToString();
    }
}
