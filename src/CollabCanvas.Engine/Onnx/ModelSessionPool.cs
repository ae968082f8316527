using System.Collections.Concurrent;
using CollabCanvas.Engine.Models;

namespace CollabCanvas.Engine.Onnx;

/// <summary>
/// Sessions of every model used so far, one set per model folder, each behind a gate that lets one generation
/// at a time use that model: concurrent requests for the same model wait in line rather than share the GPU.
/// Different models run side by side.
/// </summary>
public sealed class ModelSessionPool(SessionOptionsFactory sessionFactory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Waits for the model's turn and returns its sessions; dispose the lease to let the next request in.</summary>
    public async Task<ModelLease> AcquireAsync(ModelEntry model, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(model.Paths.Root, _ => new Slot(new ModelSessions(model, sessionFactory)));
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ModelLease(slot.Sessions, slot.Gate);
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            slot.Sessions.Dispose();
            slot.Gate.Dispose();
        }

        _slots.Clear();
    }

    private sealed record Slot(ModelSessions Sessions)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}

/// <summary>Exclusive use of one model's sessions until disposed.</summary>
public sealed class ModelLease(ModelSessions sessions, SemaphoreSlim gate) : IDisposable
{
    private int _released;

    public ModelSessions Sessions => sessions;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            gate.Release();
        }
    }
}
