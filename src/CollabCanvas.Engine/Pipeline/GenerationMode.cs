namespace CollabCanvas.Engine.Pipeline;

/// <summary>How a request drives the model, decided from the request and the model's UNet.</summary>
internal enum GenerationMode
{
    /// <summary>From pure noise.</summary>
    TextToImage,

    /// <summary>From the init image's latents, noised to the strength's timestep.</summary>
    ImageToImage,

    /// <summary>A 9-channel inpainting UNet fed the mask and the masked image's latents.</summary>
    InpaintingUNet,

    /// <summary>An ordinary UNet; after each step the kept region is replaced by the init latents noised to the next timestep.</summary>
    InpaintingBlend,
}
