using CollabCanvas.Data.Provenance;
using CollabCanvas.Data.Provenance.Png;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace CollabCanvas.Data.Tests.Provenance;

public sealed class PngProvenanceTests
{
    [Fact]
    public void The_recipe_written_into_a_png_reads_back_equal()
    {
        var recipe = Recipes.Default() with { DenoisingStrength = 0.6 };

        var png = PngProvenanceWriter.Embed(TestImages.Png(16, 16), recipe);

        Assert.Equal(recipe, PngProvenanceReader.ReadRecipe(png));
    }

    [Fact]
    public void The_parameters_chunk_is_a_tEXt_chunk_right_after_IHDR_holding_the_infotext()
    {
        var recipe = Recipes.Default();

        var chunks = PngChunkReader.ReadChunks(PngProvenanceWriter.Embed(TestImages.Png(), recipe));

        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("tEXt", chunks[1].Type);
        Assert.Equal(new PngTextChunk("parameters", A1111Infotext.Format(recipe)), PngTextChunk.FromChunk(chunks[1]));
    }

    [Fact]
    public void ImageSharp_an_independent_decoder_reads_the_parameters_and_the_same_pixels()
    {
        var original = TestImages.Png(16, 16, seed: 9);
        var recipe = Recipes.Default();

        var png = PngProvenanceWriter.Embed(original, recipe);

        using var decoded = Image.Load<Rgba32>(png);
        using var expected = Image.Load<Rgba32>(original);
        var text = decoded.Metadata.GetPngMetadata().TextData;
        Assert.Contains(text, t => t.Keyword == "parameters" && t.Value == A1111Infotext.Format(recipe));
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                Assert.Equal(expected[x, y], decoded[x, y]);
            }
        }
    }

    [Fact]
    public void The_xmp_chunk_is_an_uncompressed_iTXt_marking_the_image_as_trained_algorithmic_media()
    {
        var png = PngProvenanceWriter.Embed(TestImages.Png(), Recipes.Default());

        var xmpChunk = PngChunkReader.ReadChunks(png).Single(c => PngTextChunk.FromChunk(c)?.Keyword == "XML:com.adobe.xmp");
        Assert.Equal("iTXt", xmpChunk.Type);
        Assert.Equal(0, xmpChunk.Data.Span["XML:com.adobe.xmp".Length + 1]); // compression flag
        var xmp = XmpPacketReader.Read(PngProvenanceReader.Read(png).Xmp!);
        Assert.Equal("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", xmp.DigitalSourceType);
        Assert.Equal(Recipes.Default().Contributors, xmp.Contributors);
    }

    [Fact]
    public void A_prompt_beyond_Latin1_goes_in_an_iTXt_parameters_chunk_and_still_reads_back()
    {
        var recipe = Recipes.Default() with { Prompt = "桜の木の下の猫 🐈, watercolor" };

        var png = PngProvenanceWriter.Embed(TestImages.Png(), recipe);

        Assert.Equal("iTXt", PngChunkReader.ReadChunks(png)[1].Type);
        Assert.Equal(recipe, PngProvenanceReader.ReadRecipe(png));
        using var decoded = Image.Load(png);
        Assert.Contains(decoded.Metadata.GetPngMetadata().TextData, t => t.Keyword == "parameters" && t.Value.StartsWith("桜の木", StringComparison.Ordinal));
    }

    [Fact]
    public void Embedding_again_replaces_the_earlier_provenance_and_keeps_other_text()
    {
        var withComment = EncodeWithText(("parameters", "stale"), ("Comment", "keep me"));
        var first = PngProvenanceWriter.Embed(withComment, Recipes.Default());
        var newer = Recipes.Default() with { Seed = 7, Contributors = [new Contributor("Lin", ContributorRoles.Saver)] };

        var png = PngProvenanceWriter.Embed(first, newer);

        var texts = PngChunkReader.ReadChunks(png).Select(PngTextChunk.FromChunk).OfType<PngTextChunk>().ToList();
        Assert.Single(texts, t => t.Keyword == "parameters");
        Assert.Single(texts, t => t.Keyword == "XML:com.adobe.xmp");
        Assert.Contains(new PngTextChunk("Comment", "keep me"), texts);
        Assert.Equal(newer, PngProvenanceReader.ReadRecipe(png));
    }

    [Fact]
    public void A_png_written_elsewhere_without_xmp_reads_with_no_contributors()
    {
        var png = EncodeWithText(("parameters", "a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 8x8, Model hash: abcd1234"));

        var recipe = PngProvenanceReader.ReadRecipe(png);

        Assert.Equal(("a cat", "Euler a", "abcd1234"), (recipe.Prompt, recipe.Sampler, recipe.ModelHash));
        Assert.Empty(recipe.Contributors);
    }

    [Fact]
    public void A_png_without_parameters_has_no_recipe()
    {
        Assert.Throws<FormatException>(() => PngProvenanceReader.ReadRecipe(TestImages.Png()));
        Assert.Equal(new PngProvenance(null, null), PngProvenanceReader.Read(TestImages.Png()));
    }

    [Fact]
    public void A_corrupt_png_is_not_embedded_into()
    {
        var png = TestImages.Png();
        png[^5] ^= 0xFF; // IEND's CRC

        Assert.Throws<InvalidPngException>(() => PngProvenanceWriter.Embed(png, Recipes.Default()));
    }

    /// <summary>A PNG whose text chunks ImageSharp wrote, standing in for a file from another tool.</summary>
    private static byte[] EncodeWithText(params (string Keyword, string Value)[] texts)
    {
        using var image = Image.Load(TestImages.Png());
        foreach (var (keyword, value) in texts)
        {
            image.Metadata.GetPngMetadata().TextData.Add(new PngTextData(keyword, value, "", ""));
        }

        using var output = new MemoryStream();
        image.SaveAsPng(output, new PngEncoder { TextCompressionThreshold = int.MaxValue });
        return output.ToArray();
    }
}
