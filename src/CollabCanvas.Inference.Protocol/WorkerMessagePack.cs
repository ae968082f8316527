using MessagePack;
using MessagePack.Formatters;

namespace CollabCanvas.Inference.Protocol;

/// <summary>
/// MessagePack settings both ends of the worker hub use. SignalR writes a stream item by its runtime type
/// (<see cref="JobStepped"/>) while the reader asks for the declared one (<see cref="WorkerEvent"/>), so every
/// event travels tagged: <c>[kind, record]</c>, the kind being its index in <see cref="Kinds"/>. The records
/// themselves are written by the hub's usual (contractless) resolver.
/// </summary>
public static class WorkerMessagePack
{
    /// <summary>The event records in wire order: append only, never reorder (the index is on the wire).</summary>
    private static readonly Type[] Kinds =
    [
        typeof(JobQueued), typeof(JobStarted), typeof(JobStepped), typeof(JobCompleted),
        typeof(JobFailed), typeof(JobBusy), typeof(JobCancelled),
    ];

    public static MessagePackSerializerOptions WithWorkerEvents(MessagePackSerializerOptions options) =>
        options.WithResolver(new WorkerEventResolver(options));

    private sealed class WorkerEventResolver(MessagePackSerializerOptions inner) : IFormatterResolver
    {
        public IMessagePackFormatter<T>? GetFormatter<T>() => typeof(WorkerEvent).IsAssignableFrom(typeof(T))
            ? (IMessagePackFormatter<T>)Activator.CreateInstance(typeof(TaggedFormatter<>).MakeGenericType(typeof(T)), inner)!
            : inner.Resolver.GetFormatter<T>();
    }

    private sealed class TaggedFormatter<T>(MessagePackSerializerOptions inner) : IMessagePackFormatter<T?>
        where T : WorkerEvent
    {
        public void Serialize(ref MessagePackWriter writer, T? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            var kind = Array.IndexOf(Kinds, value.GetType());
            if (kind < 0)
            {
                throw new MessagePackSerializationException($"{value.GetType().Name} is not a known worker event.");
            }

            writer.WriteArrayHeader(2);
            writer.Write(kind);
            MessagePackSerializer.Serialize(Kinds[kind], ref writer, value, inner);
        }

        public T? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            var kind = reader.ReadArrayHeader() == 2 ? reader.ReadInt32() : -1;
            if (kind < 0 || kind >= Kinds.Length)
            {
                throw new MessagePackSerializationException($"Unknown worker event kind {kind}.");
            }

            return MessagePackSerializer.Deserialize(Kinds[kind], ref reader, inner) as T
                ?? throw new MessagePackSerializationException($"A {Kinds[kind].Name} is not a {typeof(T).Name}.");
        }
    }
}
