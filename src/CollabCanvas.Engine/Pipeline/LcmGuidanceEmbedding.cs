using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// The guidance-scale embedding an LCM UNet takes as <c>timestep_cond</c> (diffusers'
/// <c>LatentConsistencyModelPipeline.get_guidance_scale_embedding</c>): LCMs are distilled with guidance baked in,
/// so instead of a second UNet pass they receive w = guidance − 1 as a sinusoidal embedding.
/// </summary>
public static class LcmGuidanceEmbedding
{
    public static LatentTensor Create(double guidanceScale, int width, int batch)
    {
        var w = (float)((guidanceScale - 1.0) * 1000.0);
        var half = width / 2;
        var step = MathF.Log(10000f) / (half - 1);
        var row = new float[width];
        for (var i = 0; i < half; i++)
        {
            var angle = w * MathF.Exp(i * -step);
            row[i] = MathF.Sin(angle);
            row[half + i] = MathF.Cos(angle);
        }

        // An odd width leaves the last value 0, as diffusers' zero padding does.
        var data = Enumerable.Range(0, batch).SelectMany(_ => row).ToArray();
        return new LatentTensor(data, [batch, width]);
    }
}
