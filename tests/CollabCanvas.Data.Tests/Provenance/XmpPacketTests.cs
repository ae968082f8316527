using System.Xml.Linq;
using CollabCanvas.Data.Provenance;

namespace CollabCanvas.Data.Tests.Provenance;

public sealed class XmpPacketTests
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Iptc = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    [Fact]
    public void The_packet_is_wrapped_for_xmp_scanners_and_carries_the_iptc_digital_source_type()
    {
        var packet = XmpPacketWriter.Write(Recipes.Default().Contributors);

        Assert.StartsWith("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>", packet);
        Assert.EndsWith("<?xpacket end=\"r\"?>", packet);
        var source = Parse(packet).Descendants(Iptc + "DigitalSourceType").Single();
        Assert.Equal("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", source.Value);
    }

    [Fact]
    public void Every_contributor_is_a_dc_creator_in_order()
    {
        var packet = XmpPacketWriter.Write(Recipes.Default().Contributors);

        var creators = Parse(packet).Descendants(Dc + "creator").Single().Element(Rdf + "Seq")!.Elements(Rdf + "li").Select(li => li.Value);
        Assert.Equal(["Ada", "Grace Hopper"], creators);
    }

    [Fact]
    public void Each_contributor_has_an_iptc_contributor_entry_with_name_and_roles()
    {
        var packet = XmpPacketWriter.Write([new Contributor("Grace", ContributorRoles.MaskPainter | ContributorRoles.Saver)]);

        var entry = Parse(packet).Descendants(Iptc + "Contributor").Single().Element(Rdf + "Bag")!.Element(Rdf + "li")!;
        var name = entry.Element(Iptc + "Name")!.Element(Rdf + "Alt")!.Element(Rdf + "li")!;
        Assert.Equal("Grace", name.Value);
        Assert.Equal("x-default", name.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal(["mask painter", "saver"], entry.Element(Iptc + "Role")!.Descendants(Rdf + "li").Select(li => li.Value));
    }

    [Fact]
    public void Names_with_markup_are_escaped_and_read_back_as_typed()
    {
        Contributor[] contributors = [new("<b>Bob</b> & \"Ann\"", ContributorRoles.PromptWriter), new("Zoë 👋🏽", ContributorRoles.Runner)];

        var packet = XmpPacketWriter.Write(contributors);

        Assert.DoesNotContain("<b>", packet);
        Assert.Equal(contributors, XmpPacketReader.Read(packet).Contributors);
    }

    [Fact]
    public void A_control_character_in_a_name_is_replaced_rather_than_breaking_the_xml()
    {
        var packet = XmpPacketWriter.Write([new Contributor("Ada\u0001", ContributorRoles.Saver)]);

        Assert.Equal("Ada\uFFFD", XmpPacketReader.Read(packet).Contributors.Single().Name);
    }

    [Fact]
    public void No_contributors_still_marks_the_source_type()
    {
        var read = XmpPacketReader.Read(XmpPacketWriter.Write([]));

        Assert.Equal("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", read.DigitalSourceType);
        Assert.Empty(read.Contributors);
    }

    [Fact]
    public void A_packet_with_a_dtd_is_refused()
    {
        const string billionLaughs = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&a;</x:xmpmeta>";

        Assert.Throws<FormatException>(() => XmpPacketReader.Read(billionLaughs));
    }

    private static XDocument Parse(string packet) => XDocument.Parse(packet);
}
