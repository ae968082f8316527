using System.Xml;
using System.Xml.Linq;
using static CollabCanvas.Data.Provenance.XmpNames;

namespace CollabCanvas.Data.Provenance;

/// <summary>Reads back what <see cref="XmpPacketWriter"/> writes: the digital source type and the contributors.</summary>
public static class XmpPacketReader
{
    /// <exception cref="FormatException">The packet is not well-formed XML.</exception>
    public static XmpProvenance Read(string packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        XDocument document;
        try
        {
            // No DTDs: an XMP packet has none, and refusing them rules out entity-expansion attacks.
            using var reader = XmlReader.Create(new StringReader(packet), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            document = XDocument.Load(reader);
        }
        catch (XmlException exception)
        {
            throw new FormatException($"The XMP packet is not well-formed XML: {exception.Message}", exception);
        }

        var sourceType = document.Descendants(Iptc4xmpExt + "DigitalSourceType").Select(e => e.Value.Trim()).FirstOrDefault();
        var contributors = document.Descendants(Iptc4xmpExt + "Contributor")
            .Elements(Rdf + "Bag").Elements(Rdf + "li")
            .Select(entry => new Contributor(
                entry.Element(Iptc4xmpExt + "Name")?.Descendants(Rdf + "li").Select(li => li.Value).FirstOrDefault() ?? "",
                entry.Element(Iptc4xmpExt + "Role")?.Descendants(Rdf + "li")
                    .Aggregate(ContributorRoles.None, (roles, li) => roles | RoleOf(li.Value.Trim())) ?? ContributorRoles.None))
            .ToList();

        return new XmpProvenance(sourceType, contributors);
    }

    private static ContributorRoles RoleOf(string word) =>
        RoleWords.FirstOrDefault(r => r.Word == word).Role;
}

/// <param name="DigitalSourceType">The IPTC digital source type URI, if the packet has one.</param>
public sealed record XmpProvenance(string? DigitalSourceType, IReadOnlyList<Contributor> Contributors);
