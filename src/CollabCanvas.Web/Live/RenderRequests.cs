using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Web.Live;

/// <summary>A room's render job as an engine request, the same whether the engine runs here or on a worker.</summary>
internal static class RenderRequests
{
    /// <summary>Previews at four times the latent size: the room shows them at image size.</summary>
    /// <param name="initImage">The image to start from, resolved by <see cref="RenderJobImages"/> (null: txt2img).</param>
    /// <param name="stepPreviews">False asks for steps without images (<c>RoomRendering:StepPreviews</c>).</param>
    public static GenerationRequest ToGenerationRequest(RenderJob job, string model, byte[]? initImage, bool stepPreviews = true) => new(
        model, job.Prompt, job.NegativePrompt, job.Parameters.Steps, job.Parameters.Scheduler, job.Parameters.Guidance,
        job.Parameters.Seed, job.Parameters.Width, job.Parameters.Height, initImage, job.Parameters.Strength, job.Mask,
        stepPreviews ? new PreviewOptions(Upscale: 4) : PreviewOptions.None);
}
