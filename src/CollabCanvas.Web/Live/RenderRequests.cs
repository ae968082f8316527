using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Options;

namespace CollabCanvas.Web.Live;

/// <summary>A room's render job as an engine request, the same whether the engine runs here or on a worker.</summary>
internal static class RenderRequests
{
    /// <summary>The job's request with the node's preview settings (<c>RoomRendering</c>).</summary>
    /// <param name="initImage">The image to start from, resolved by <see cref="RenderJobImages"/> (null: txt2img).</param>
    public static GenerationRequest ToGenerationRequest(RenderJob job, string model, byte[]? initImage, RoomRenderingOptions rendering) => new(
        model, job.Prompt, job.NegativePrompt, job.Parameters.Steps, job.Parameters.Scheduler, job.Parameters.Guidance,
        job.Parameters.Seed, job.Parameters.Width, job.Parameters.Height, initImage, job.Parameters.Strength, job.Mask,
        PreviewsFor(rendering));

    /// <summary>
    /// Previews at four times the latent size (the room shows them at image size), at most one per
    /// <see cref="RoomRenderingOptions.PreviewMinInterval"/>; none when <see cref="RoomRenderingOptions.StepPreviews"/> is off.
    /// </summary>
    public static PreviewOptions PreviewsFor(RoomRenderingOptions rendering) => rendering.StepPreviews
        ? new PreviewOptions(Upscale: 4, MinInterval: rendering.PreviewMinInterval)
        : PreviewOptions.None;
}
