using System.Collections.Concurrent;
using CollabCanvas.Engine.Models;

namespace CollabCanvas.Engine.Onnx;

/// <summary>
/// Sessions of every model used so far, one set per model folder, each behind a gate that lets one generation
/// at a time use that model: concurrent requests for the same model wait in line rather than share the GPU.
/// Different models run side by side. When a folder's files change (a new <see cref="ModelEntry.Fingerprint"/>
/// after a catalog refresh), its old sessions are disposed at the next turn and the new files are loaded.
/// </summary>
public sealed class ModelSessionPool(SessionOptionsFactory sessionFactory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Waits for the model's turn and returns its sessions; dispose the lease to let the next request in.</summary>
    public async Task<ModelLease> AcquireAsync(ModelEntry model, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(model.Paths.Root, _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (slot.Sessions is null || slot.Fingerprint != model.Fingerprint)
            {
                slot.Sessions?.Dispose();
                slot.Sessions = new ModelSessions(model, sessionFactory);
                slot.Fingerprint = model.Fingerprint;
            }

            return new ModelLease(slot.Sessions, slot.Gate);
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            slot.Sessions?.Dispose();
            slot.Gate.Dispose();
        }

        _slots.Clear();
    }

    /// <summary>One model's sessions; <see cref="Sessions"/> and <see cref="Fingerprint"/> change only under <see cref="Gate"/>.</summary>
    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ModelSessions? Sessions { get; set; }

        public string? Fingerprint { get; set; }
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
