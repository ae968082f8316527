using CollabCanvas.Engine.Models;

namespace CollabCanvas.Engine.Onnx;

/// <summary>
/// The four networks of one model, each opened on first use and then kept: loading a UNet takes seconds, so
/// sessions live as long as the engine does. Not meant for concurrent use; callers hold the model's gate.
/// </summary>
public sealed class ModelSessions : IDisposable
{
    private readonly ModelEntry _model;
    private readonly SessionOptionsFactory _sessionFactory;
    private TextEncoderSession? _textEncoder;
    private UNetSession? _unet;
    private VaeDecoderSession? _vaeDecoder;
    private VaeEncoderSession? _vaeEncoder;
    private bool _disposed;

    public ModelSessions(ModelEntry model, SessionOptionsFactory sessionFactory)
    {
        _model = model;
        _sessionFactory = sessionFactory;
    }

    public ModelEntry Model => _model;

    public TextEncoderSession TextEncoder => Open(ref _textEncoder, () => new TextEncoderSession(new TextEncoderConfig(_model.Paths.TextEncoder), _sessionFactory));

    public UNetSession UNet => Open(ref _unet, () => new UNetSession(new UNetConfig(_model.Paths.UNet), _sessionFactory));

    public VaeDecoderSession VaeDecoder => Open(ref _vaeDecoder, () => new VaeDecoderSession(new VaeDecoderConfig(_model.Paths.VaeDecoder), _sessionFactory));

    public VaeEncoderSession VaeEncoder => Open(ref _vaeEncoder, () => new VaeEncoderSession(
        new VaeEncoderConfig(_model.Paths.VaeEncoder, _model.RequireTraits().LatentChannels), _sessionFactory));

    private T Open<T>(ref T? session, Func<T> create) where T : OnnxNetworkSession
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return session ??= create();
    }

    public void Dispose()
    {
        _disposed = true;
        _textEncoder?.Dispose();
        _unet?.Dispose();
        _vaeDecoder?.Dispose();
        _vaeEncoder?.Dispose();
    }
}
