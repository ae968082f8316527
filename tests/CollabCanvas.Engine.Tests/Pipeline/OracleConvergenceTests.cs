using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.Pipeline;

/// <summary>
/// The oracle fixtures return the exact noise towards a known target, so a correct pipeline must end on the image
/// tools/make-test-fixtures computed independently: guidance g with an empty negative prompt gives g × target.
/// </summary>
public sealed class OracleConvergenceTests : IDisposable
{
    private const int Tolerance = 2; // 8-bit levels: float rounding only
    private readonly TestEngine _engine = new();

    [Theory]
    [InlineData("ddim", 1.0)]
    [InlineData("ddim", 3.0)]
    [InlineData("euler", 1.0)]
    [InlineData("euler", 3.0)]
    [InlineData("euler-a", 3.0)]
    public async Task Text_to_image_converges_to_the_target(string scheduler, double guidance)
    {
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle", "a target", Steps: 12, Scheduler: scheduler,
            Guidance: guidance, Seed: 42));

        Assert.Equal((32, 32), (result.Width, result.Height));
        Assert.InRange(Pixels.MaxDifference(result.Png, File.ReadAllBytes(Fixtures.Expected("oracle", $"guidance-{guidance:0}.png"))), 0, Tolerance);
    }

    [Fact]
    public async Task Guidance_changes_the_result_so_the_unconditional_pass_really_ran()
    {
        var expectedWithoutGuidance = File.ReadAllBytes(Fixtures.Expected("oracle", "guidance-1.png"));

        var guided = await _engine.CompleteAsync(new GenerationRequest("oracle", "target", Steps: 8, Scheduler: "ddim", Guidance: 3, Seed: 1));

        Assert.True(Pixels.MaxDifference(guided.Png, expectedWithoutGuidance) > 20);
    }

    [Fact]
    public async Task V_prediction_model_with_float16_timesteps_converges()
    {
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle-vpred", "target", Steps: 10, Scheduler: "ddim",
            Guidance: 3, Seed: 5));

        Assert.InRange(Pixels.MaxDifference(result.Png, File.ReadAllBytes(Fixtures.Expected("oracle-vpred", "guidance-3.png"))), 0, Tolerance);
    }

    [Fact]
    public async Task Float16_export_converges_like_its_float32_original()
    {
        // Same networks as "oracle" with float16 inputs and outputs, as fp16 GPU exports have.
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle-fp16", "target", Steps: 10, Scheduler: "ddim",
            Guidance: 3, Seed: 5));

        Assert.InRange(Pixels.MaxDifference(result.Png, File.ReadAllBytes(Fixtures.Expected("oracle", "guidance-3.png"))), 0, Tolerance);
    }

    [Fact]
    public async Task Float16_export_inpaints_through_its_float16_vae_encoder()
    {
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle-fp16", "target", Steps: 10, Scheduler: "ddim",
            Guidance: 1, Seed: 5, InitImage: File.ReadAllBytes(Fixtures.Expected("oracle", "init.png")),
            Mask: File.ReadAllBytes(Fixtures.Expected("oracle", "mask.png")), Strength: 1.0));

        Assert.InRange(Pixels.MaxDifference(result.Png, File.ReadAllBytes(Fixtures.Expected("oracle", "inpaint-guidance-1.png"))), 0, Tolerance);
    }

    [Fact]
    public async Task Latent_consistency_model_gets_the_guidance_embedding_and_converges()
    {
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle-lcm", "target", Steps: 4, Guidance: 8, Seed: 3));

        Assert.InRange(Pixels.MaxDifference(result.Png, File.ReadAllBytes(Fixtures.Expected("oracle-lcm", "guidance-8.png"))), 0, Tolerance);
    }

    [Fact]
    public async Task Latent_consistency_model_with_another_guidance_misses_the_target()
    {
        // The oracle only answers correctly for the guidance-8 embedding: proves timestep_cond is really fed.
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle-lcm", "target", Steps: 4, Guidance: 2, Seed: 3));

        Assert.True(Pixels.MaxDifference(result.Png, File.ReadAllBytes(Fixtures.Expected("oracle-lcm", "guidance-8.png"))) > Tolerance);
    }

    [Fact]
    public async Task Long_prompt_is_encoded_in_windows_and_the_negative_is_padded()
    {
        // "target" only appears in the second 77-token window; the empty negative becomes two windows.
        var filler = string.Join(' ', Enumerable.Repeat("red", 90));
        var result = await _engine.CompleteAsync(new GenerationRequest("oracle", $"{filler} target", Steps: 8, Scheduler: "ddim",
            Guidance: 3, Seed: 9));

        Assert.InRange(Pixels.MaxDifference(result.Png, File.ReadAllBytes(Fixtures.Expected("oracle", "guidance-3.png"))), 0, Tolerance);
    }

    public void Dispose() => _engine.Dispose();
}
