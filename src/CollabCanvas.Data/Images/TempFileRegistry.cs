using System.Collections.Concurrent;

namespace CollabCanvas.Data.Images;

/// <summary>The temp files one store instance is writing right now; its sweep deletes every other temp file.</summary>
internal sealed class TempFileRegistry
{
    private readonly ConcurrentDictionary<string, byte> paths = new(StringComparer.Ordinal);

    public void Add(string path) => paths.TryAdd(path, 0);

    public void Remove(string path) => paths.TryRemove(path, out _);

    public bool Contains(string path) => paths.ContainsKey(path);
}
