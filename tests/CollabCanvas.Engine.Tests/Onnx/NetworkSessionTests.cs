using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Schedulers;
using CollabCanvas.Engine.Tests.Support;

namespace CollabCanvas.Engine.Tests.Onnx;

public sealed class NetworkSessionTests
{
    private static string Part(string model, string network) => Path.Combine(Fixtures.Model(model), network, "model.onnx");

    private static LatentTensor Filled(float value, params int[] shape) =>
        new(Enumerable.Repeat(value, shape.Aggregate(1, (a, b) => a * b)).ToArray(), shape);

    [Fact]
    public void Text_encoder_turns_one_window_into_hidden_states()
    {
        using var encoder = new TextEncoderSession(new TextEncoderConfig(Part("tiny-txt2img", "text_encoder")), TestSessions.CpuFactory());

        var hidden = encoder.Encode(Enumerable.Range(0, 77).ToArray(), CancellationToken.None);

        Assert.Equal([1, 77, 32], hidden.Shape);
    }

    [Theory]
    [InlineData("tiny-txt2img", 32)] // int64 timestep
    [InlineData("oracle", 16)] // float timestep
    [InlineData("oracle-vpred", 16)] // float16 timestep
    public void Unet_accepts_the_timestep_type_of_its_export(string model, int width)
    {
        using var unet = new UNetSession(new UNetConfig(Part(model, "unet")), TestSessions.CpuFactory());

        var output = unet.Predict(Filled(0.1f, 2, 4, 8, 8), 501.5, Filled(0f, 2, 154, width), null, CancellationToken.None);

        Assert.Equal([2, 4, 8, 8], output.Shape);
        Assert.All(output.Data, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void Lcm_unet_refuses_to_run_without_its_guidance_embedding()
    {
        using var unet = new UNetSession(new UNetConfig(Part("oracle-lcm", "unet")), TestSessions.CpuFactory());

        Assert.True(unet.TakesTimestepCondition);
        Assert.Throws<ArgumentException>(() => unet.Predict(Filled(0f, 1, 4, 8, 8), 10, Filled(0f, 1, 77, 16), null, CancellationToken.None));
    }

    [Fact]
    public void Vae_encoder_that_returns_mean_and_log_variance_gives_the_mean()
    {
        using var encoder = new VaeEncoderSession(new VaeEncoderConfig(Part("tiny-txt2img", "vae_encoder"), 4), TestSessions.CpuFactory());

        var latents = encoder.Encode(Filled(0.5f, 1, 3, 64, 64), CancellationToken.None);

        Assert.Equal([1, 4, 8, 8], latents.Shape);
    }

    [Fact]
    public void Vae_decoder_upsamples_by_the_models_factor()
    {
        using var decoder = new VaeDecoderSession(new VaeDecoderConfig(Part("oracle", "vae_decoder")), TestSessions.CpuFactory());

        var image = decoder.Decode(Filled(0.25f, 1, 4, 8, 8), CancellationToken.None);

        Assert.Equal([1, 3, 32, 32], image.Shape);
        Assert.All(image.Data, value => Assert.Equal(0.25f, value));
    }

    [Fact]
    public void A_cancelled_token_stops_before_running()
    {
        using var unet = new UNetSession(new UNetConfig(Part("oracle", "unet")), TestSessions.CpuFactory());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            unet.Predict(Filled(0f, 1, 4, 8, 8), 1, Filled(0f, 1, 77, 16), null, cancelled.Token));
    }

    [Theory]
    [InlineData("tiny-txt2img")]
    [InlineData("oracle-inpaint")]
    [InlineData("oracle-lcm")]
    public void Signature_reader_agrees_with_onnx_runtime(string model)
    {
        foreach (var network in new[] { "text_encoder", "unet", "vae_decoder", "vae_encoder" })
        {
            var path = Part(model, network);
            var signature = OnnxSignatureReader.Read(path);
            using var session = TestSessions.CpuFactory().OpenSession(path);

            Assert.Equal(session.InputMetadata.Keys.Order(), signature.Inputs.Select(i => i.Name).Order());
            Assert.Equal(session.OutputMetadata.Keys.Order(), signature.Outputs.Select(o => o.Name).Order());
            foreach (var input in signature.Inputs)
            {
                Assert.Equal((int)session.InputMetadata[input.Name].ElementDataType, (int)input.ElementType);
                Assert.Equal(session.InputMetadata[input.Name].Dimensions.Select(d => (long)d), input.Dimensions);
            }
        }
    }
}
