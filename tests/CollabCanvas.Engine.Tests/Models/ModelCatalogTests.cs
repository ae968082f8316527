using CollabCanvas.Engine.Models;
using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Schedulers;
using CollabCanvas.Engine.Tests.Support;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Engine.Tests.Models;

public sealed class ModelCatalogTests
{
    private static ModelCatalog CatalogOf(string root) =>
        new(Options.Create(new EngineOptions { ModelsPath = root }), new ListLogger<ModelCatalog>());

    [Fact]
    public void Text_to_image_fixture_is_classified_from_its_configs_and_graphs()
    {
        var traits = CatalogOf(Fixtures.ModelsRoot).Get("tiny-txt2img").RequireTraits();

        Assert.Equal(UNetKind.Standard, traits.UNetKind);
        Assert.Equal(PredictionType.Epsilon, traits.PredictionType);
        Assert.Equal(new ImageSize(64, 64), traits.NativeSize);
        Assert.Equal(4, traits.LatentChannels);
        Assert.Equal(8, traits.VaeScaleFactor);
        Assert.Equal(0.18215f, traits.VaeScalingFactor);
        Assert.Equal(OnnxElementType.Int64, traits.TimestepType);
        Assert.Equal(32, traits.TextEmbeddingWidth);
        Assert.Equal(OnnxElementType.Int32, traits.InputIdsType);
        Assert.Null(traits.TimestepConditionWidth);
        Assert.True(traits.HasVaeEncoder);
    }

    [Fact]
    public void Oracle_fixture_has_an_unusual_vae_factor_and_scale_and_a_float_timestep()
    {
        var traits = CatalogOf(Fixtures.ModelsRoot).Get("oracle").RequireTraits();

        Assert.Equal(4, traits.VaeScaleFactor);
        Assert.Equal(0.5f, traits.VaeScalingFactor);
        Assert.Equal(new ImageSize(32, 32), traits.NativeSize);
        Assert.Equal(OnnxElementType.Float, traits.TimestepType);
        Assert.Equal(16, traits.TextEmbeddingWidth);
    }

    [Fact]
    public void Nine_channel_unet_is_an_inpainting_model()
    {
        var traits = CatalogOf(Fixtures.ModelsRoot).Get("oracle-inpaint").RequireTraits();

        Assert.Equal(UNetKind.Inpainting, traits.UNetKind);
        Assert.Equal(0.4f, traits.VaeScalingFactor);
    }

    [Fact]
    public void Unet_with_timestep_cond_is_a_latent_consistency_model()
    {
        var traits = CatalogOf(Fixtures.ModelsRoot).Get("oracle-lcm").RequireTraits();

        Assert.Equal(UNetKind.LatentConsistency, traits.UNetKind);
        Assert.Equal(32, traits.TimestepConditionWidth);
    }

    [Fact]
    public void V_prediction_comes_from_the_scheduler_config_and_float16_timestep_from_the_graph()
    {
        var traits = CatalogOf(Fixtures.ModelsRoot).Get("oracle-vpred").RequireTraits();

        Assert.Equal(PredictionType.VPrediction, traits.PredictionType);
        Assert.Equal(OnnxElementType.Float16, traits.TimestepType);
        Assert.Equal(0.25f, traits.VaeScalingFactor);
    }

    [Fact]
    public void Float16_export_is_read_from_its_graph()
    {
        var traits = CatalogOf(Fixtures.ModelsRoot).Get("oracle-fp16").RequireTraits();

        Assert.Equal(OnnxElementType.Float16, traits.TimestepType);
        Assert.Equal((UNetKind.Standard, 16, 4), (traits.UNetKind, traits.TextEmbeddingWidth, traits.VaeScaleFactor));
    }

    [Fact]
    public void Every_committed_fixture_is_available()
    {
        var models = CatalogOf(Fixtures.ModelsRoot).Models;

        Assert.Equal(["oracle", "oracle-fp16", "oracle-inpaint", "oracle-lcm", "oracle-vpred", "tiny-txt2img"], models.Select(m => m.Name));
        Assert.All(models, model => Assert.True(model.IsAvailable, model.Problem));
    }

    [Fact]
    public void Folder_without_a_unet_is_listed_as_unavailable_with_the_reason()
    {
        using var temp = new TempFolder();
        var folder = temp.CopyModel("tiny-txt2img", "no-unet");
        File.Delete(Path.Combine(folder, "unet", "model.onnx"));

        var entry = Assert.Single(CatalogOf(temp.Path).Models);

        Assert.False(entry.IsAvailable);
        Assert.Contains("unet/model.onnx is missing", entry.Problem);
    }

    [Fact]
    public void Truncated_onnx_file_is_listed_as_corrupt()
    {
        using var temp = new TempFolder();
        var folder = temp.CopyModel("oracle", "truncated");
        var unet = Path.Combine(folder, "unet", "model.onnx");
        var bytes = File.ReadAllBytes(unet);
        File.WriteAllBytes(unet, bytes[..(bytes.Length / 2)]);

        var entry = Assert.Single(CatalogOf(temp.Path).Models);

        Assert.False(entry.IsAvailable);
        Assert.Contains("unet/model.onnx is corrupt", entry.Problem);
    }

    [Fact]
    public void Garbage_text_encoder_and_broken_json_never_crash_the_scan()
    {
        using var temp = new TempFolder();
        var garbage = temp.CopyModel("oracle", "garbage");
        File.WriteAllText(Path.Combine(garbage, "text_encoder", "model.onnx"), "this is not a protobuf at all");
        var badJson = temp.CopyModel("oracle", "bad-json");
        File.WriteAllText(Path.Combine(badJson, "vae_decoder", "config.json"), "{ \"scaling_factor\": ");
        temp.CopyModel("oracle", "good");

        var models = CatalogOf(temp.Path).Models;

        Assert.Equal(["bad-json", "garbage", "good"], models.Select(m => m.Name));
        Assert.Contains("text_encoder/model.onnx is corrupt", models[1].Problem);
        Assert.Contains("not valid JSON", models[0].Problem);
        Assert.True(models[2].IsAvailable);
    }

    [Fact]
    public void Missing_vae_config_is_unavailable_rather_than_guessing_a_scale()
    {
        using var temp = new TempFolder();
        var folder = temp.CopyModel("oracle", "no-vae-config");
        File.Delete(Path.Combine(folder, "vae_decoder", "config.json"));

        var entry = Assert.Single(CatalogOf(temp.Path).Models);

        Assert.Contains("scaling factor is unknown", entry.Problem);
    }

    [Fact]
    public void Refresh_sees_models_added_after_start_and_get_rejects_unknown_names()
    {
        using var temp = new TempFolder();
        var catalog = CatalogOf(temp.Path);
        Assert.Empty(catalog.Models);

        temp.CopyModel("oracle", "late");
        catalog.Refresh();

        Assert.True(catalog.Get("late").IsAvailable);
        var error = Assert.Throws<ModelUnavailableException>(() => catalog.Get("nope"));
        Assert.Contains("no such model", error.Message);
    }
}
