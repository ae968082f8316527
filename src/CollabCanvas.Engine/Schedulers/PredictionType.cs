namespace CollabCanvas.Engine.Schedulers;

/// <summary>What the UNet predicts: the noise (SD 1.x), the velocity v (SD 2.x 768), or the clean sample itself.</summary>
public enum PredictionType
{
    Epsilon,
    VPrediction,
    Sample,
}
