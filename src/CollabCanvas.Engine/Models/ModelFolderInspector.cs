using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Models;

/// <summary>
/// Classifies one model folder from its configs and the signatures of its ONNX graphs, without opening
/// inference sessions. A folder that is incomplete or corrupt becomes an unavailable entry with the reason.
/// </summary>
public static class ModelFolderInspector
{
    public static ModelEntry Inspect(string folder)
    {
        var paths = new ModelPaths(Path.GetFullPath(folder));
        var name = Path.GetFileName(paths.Root.TrimEnd(Path.DirectorySeparatorChar));
        try
        {
            return new ModelEntry(name, paths, ReadTraits(paths), null) { Fingerprint = Fingerprint(paths.Root) };
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException
                                              or FormatException or InvalidOperationException)
        {
            return new ModelEntry(name, paths, null, exception.Message);
        }
    }

    private static string Fingerprint(string root)
    {
        var hash = new HashCode();
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            hash.Add(file.FullName, StringComparer.Ordinal);
            hash.Add(file.Length);
            hash.Add(file.LastWriteTimeUtc.Ticks);
        }

        return hash.ToHashCode().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ModelTraits ReadTraits(ModelPaths paths)
    {
        RequireFile(paths.UNet, "unet/model.onnx");
        RequireFile(paths.TextEncoder, "text_encoder/model.onnx");
        RequireFile(paths.VaeDecoder, "vae_decoder/model.onnx");
        RequireFile(paths.SchedulerConfig, "scheduler/scheduler_config.json");
        RequireFile(Path.Combine(paths.TokenizerFolder, "vocab.json"), "tokenizer/vocab.json");
        RequireFile(Path.Combine(paths.TokenizerFolder, "merges.txt"), "tokenizer/merges.txt");

        var unet = ReadSignature(paths.UNet, "unet/model.onnx");
        var textEncoder = ReadSignature(paths.TextEncoder, "text_encoder/model.onnx");
        var vaeDecoder = ReadSignature(paths.VaeDecoder, "vae_decoder/model.onnx");
        var hasVaeEncoder = File.Exists(paths.VaeEncoder);
        if (hasVaeEncoder)
        {
            ReadSignature(paths.VaeEncoder, "vae_encoder/model.onnx"); // a corrupt encoder makes the whole model unavailable
        }

        var unetConfig = ConfigJson.TryLoad(paths.UNetConfig);
        var vaeConfig = ConfigJson.TryLoad(paths.VaeDecoderConfig)
            ?? throw new InvalidDataException("vae_decoder/config.json is missing: the VAE scaling factor is unknown");
        var schedulerConfig = ConfigJson.TryLoad(paths.SchedulerConfig)!;

        var sample = RequireInput(unet, "sample", "unet");
        var timestep = RequireInput(unet, "timestep", "unet");
        var hiddenStates = RequireInput(unet, "encoder_hidden_states", "unet");
        var timestepCondition = unet.FindInput("timestep_cond");
        var inputIds = RequireInput(textEncoder, "input_ids", "text_encoder");
        RequireInput(vaeDecoder, "latent_sample", "vae_decoder");

        var latentChannels = vaeConfig.Int("latent_channels")
            ?? (int?)vaeDecoder.FindInput("latent_sample")!.FixedDimension(1)
            ?? throw new InvalidDataException("vae_decoder/config.json has no latent_channels");
        var vaeScaleFactor = vaeConfig.Int("vae_scale_factor")
            ?? (vaeConfig.ArrayLength("block_out_channels") is { } blocks and > 0 ? 1 << (blocks - 1) : (int?)null)
            ?? throw new InvalidDataException("vae_decoder/config.json has neither block_out_channels nor vae_scale_factor");
        var scalingFactor = vaeConfig.Float("scaling_factor")
            ?? throw new InvalidDataException("vae_decoder/config.json has no scaling_factor");

        var sampleChannels = (int?)sample.FixedDimension(1) ?? unetConfig?.Int("in_channels") ?? latentChannels;
        var kind = timestepCondition is not null ? UNetKind.LatentConsistency
            : sampleChannels == 2 * latentChannels + 1 ? UNetKind.Inpainting
            : sampleChannels == latentChannels ? UNetKind.Standard
            : throw new InvalidDataException(
                $"unet sample has {sampleChannels} channels; expected {latentChannels} (text-to-image) or {2 * latentChannels + 1} (inpainting)");

        var textWidth = (int?)hiddenStates.FixedDimension(2) ?? unetConfig?.Int("cross_attention_dim")
            ?? throw new InvalidDataException("the width of the unet's encoder_hidden_states is unknown");
        var encoderWidth = textEncoder.Outputs[0].FixedDimension(2);
        if (encoderWidth is not null && encoderWidth != textWidth)
        {
            throw new InvalidDataException($"text encoder gives {encoderWidth}-wide embeddings but the unet expects {textWidth}");
        }

        if (timestep.ElementType is not (OnnxElementType.Int64 or OnnxElementType.Float or OnnxElementType.Float16))
        {
            throw new InvalidDataException($"unet timestep has unsupported type {timestep.ElementType}");
        }

        if (inputIds.ElementType is not (OnnxElementType.Int32 or OnnxElementType.Int64))
        {
            throw new InvalidDataException($"text encoder input_ids has unsupported type {inputIds.ElementType}");
        }

        var conditionWidth = timestepCondition is null
            ? (int?)null
            : (int?)timestepCondition.FixedDimension(1) ?? unetConfig?.Int("time_cond_proj_dim")
              ?? throw new InvalidDataException("the width of the unet's timestep_cond is unknown");

        return new ModelTraits(
            kind,
            ParsePredictionType(schedulerConfig.String("prediction_type")),
            NativeSize(unetConfig, sample, vaeScaleFactor),
            latentChannels,
            vaeScaleFactor,
            scalingFactor,
            vaeConfig.Float("shift_factor") ?? 0f,
            timestep.ElementType,
            textWidth,
            conditionWidth,
            inputIds.ElementType,
            hasVaeEncoder);
    }

    private static ImageSize? NativeSize(ConfigJson? unetConfig, TensorSignature sample, int vaeScaleFactor)
    {
        if (unetConfig?.SizePair("sample_size") is { } size)
        {
            return new ImageSize(size.Width * vaeScaleFactor, size.Height * vaeScaleFactor);
        }

        return sample.FixedDimension(2) is { } height && sample.FixedDimension(3) is { } width
            ? new ImageSize((int)width * vaeScaleFactor, (int)height * vaeScaleFactor)
            : null;
    }

    private static PredictionType ParsePredictionType(string? value) => value switch
    {
        null or "epsilon" => PredictionType.Epsilon,
        "v_prediction" => PredictionType.VPrediction,
        "sample" => PredictionType.Sample,
        _ => throw new InvalidDataException($"scheduler_config.json has unknown prediction_type '{value}'"),
    };

    private static void RequireFile(string path, string description)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{description} is missing");
        }
    }

    private static GraphSignature ReadSignature(string path, string description)
    {
        try
        {
            return OnnxSignatureReader.Read(path);
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"{description} is corrupt ({exception.Message})", exception);
        }
    }

    private static TensorSignature RequireInput(GraphSignature graph, string name, string network) =>
        graph.FindInput(name) ?? throw new InvalidDataException($"{network} has no '{name}' input");
}
