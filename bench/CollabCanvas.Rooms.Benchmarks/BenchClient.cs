using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>One participant on the hub (MessagePack), stamping when each step and each prompt edit reaches it.</summary>
internal sealed class BenchClient : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(Guid JobId, int Step), (long At, bool HasPreview)> _steps = new();
    private readonly ConcurrentDictionary<Guid, long> _edits = new();
    private readonly ConcurrentDictionary<Guid, GenerationStatus> _finished = new();

    private BenchClient(HubConnection connection)
    {
        Connection = connection;
        Connection.On<Guid, GenerationProgress>(RoomHubEvents.GenerationProgress, (_, progress) =>
            _steps[(progress.Status.JobId, progress.Status.Step)] = (Stopwatch.GetTimestamp(), progress.Preview is { Bytes.Length: > 0 }));
        Connection.On<Guid, GenerationChanged>(RoomHubEvents.GenerationChanged, (_, changed) =>
        {
            if (!changed.Status.IsActive)
            {
                _finished[changed.Status.JobId] = changed.Status;
            }
        });
        Connection.On<Guid, PromptEdited>(RoomHubEvents.PromptEdited, (_, edited) => _edits[edited.Applied.EditId] = Stopwatch.GetTimestamp());
    }

    public HubConnection Connection { get; }

    public RoomSession? Session { get; private set; }

    public static async Task<BenchClient> JoinAsync(string baseAddress, CookieContainer cookies, Guid roomId, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseAddress), "/hubs/rooms"), options => options.Cookies = cookies)
            .AddMessagePackProtocol()
            .Build();
        var client = new BenchClient(connection);
        await connection.StartAsync(cancellationToken);
        client.Session = await connection.InvokeAsync<RoomSession>("Join", roomId, cancellationToken);
        return client;
    }

    public bool TryGetStep(Guid jobId, int step, out (long At, bool HasPreview) received) => _steps.TryGetValue((jobId, step), out received);

    public bool TryGetEdit(Guid editId, out long receivedAt) => _edits.TryGetValue(editId, out receivedAt);

    public GenerationStatus? Finished(Guid jobId) => _finished.GetValueOrDefault(jobId);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
