using CollabCanvas.Inference.Protocol;
using CollabCanvas.Web.Options;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// This node's view of one inference worker. A monitor connection stays open (reconnecting with exponential
/// backoff while the worker is down) to learn its models and, pushed by the worker, its load. Each job gets a
/// connection of its own, opened with a fresh-enough token and closed with the job, so no job shares the fate of
/// a connection whose token expires, and a worker that dies ends exactly the jobs it had.
/// </summary>
internal sealed class WorkerLink(Uri url, InferenceClientOptions options, WorkerTokenClient tokens, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stopping = new();
    private Task _monitor = Task.CompletedTask;
    private volatile WorkerState? _state;
    private int _inFlight;
    private int _disposed;

    public Uri Url { get; } = url;

    /// <summary>Models and load as last heard over the monitor connection; null while the worker is unreachable.</summary>
    public WorkerState? State => _state;

    /// <summary>The worker's jobs as far as this node knows: its last report, or this node's own jobs there if more.</summary>
    public int EstimatedJobs => _state is { } state ? Math.Max(state.Load.Running + state.Load.Queued, Volatile.Read(ref _inFlight)) : int.MaxValue;

    public void Start() => _monitor = Task.Run(() => MonitorAsync(_stopping.Token));

    /// <summary>Sends a job and relays its events until the worker ends it; see <see cref="JobOutcome"/>.</summary>
    public async Task<JobOutcome> RunAsync(WorkerJob job, Func<WorkerEvent, Task> relay, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await using var connection = Connect();
            try
            {
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connectTimeout.CancelAfter(options.ConnectTimeout);
                await connection.StartAsync(connectTimeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Inference worker {Worker} did not accept job {JobId}", Url, job.JobId);
                return JobOutcome.Unreachable;
            }

            try
            {
                await foreach (var workerEvent in connection.StreamAsync<WorkerEvent>(InferenceHubContract.Generate, job, cancellationToken))
                {
                    if (workerEvent is JobBusy)
                    {
                        return JobOutcome.Busy;
                    }

                    await relay(workerEvent);
                    if (workerEvent is JobCompleted or JobFailed or JobCancelled)
                    {
                        return JobOutcome.Finished;
                    }
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Inference worker {Worker} was lost during job {JobId}", Url, job.JobId);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return JobOutcome.Lost;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private HubConnection Connect() => new HubConnectionBuilder()
        .WithUrl(new Uri(Url, InferenceHubContract.Path), http => http.AccessTokenProvider = async () => await tokens.GetTokenAsync())
        .AddMessagePackProtocol(messagePack =>
            messagePack.SerializerOptions = WorkerMessagePack.WithWorkerEvents(messagePack.SerializerOptions))
        .WithServerTimeout(options.WorkerTimeout)
        .Build();

    private async Task MonitorAsync(CancellationToken stopping)
    {
        var delay = FirstReconnectDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = Connect();
                var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.Closed += _ =>
                {
                    closed.TrySetResult();
                    return Task.CompletedTask;
                };
                connection.On<WorkerLoad>(InferenceHubContract.LoadChanged, load =>
                {
                    if (_state is { } state)
                    {
                        _state = state with { Load = load };
                    }
                });

                using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    connectTimeout.CancelAfter(options.ConnectTimeout);
                    await connection.StartAsync(connectTimeout.Token);
                }

                var models = await connection.InvokeAsync<List<WorkerModel>>(InferenceHubContract.Models, stopping);
                var load = await connection.InvokeAsync<WorkerLoad>(InferenceHubContract.Load, stopping);
                _state = new WorkerState(models, load);
                logger.LogInformation("Connected to inference worker {Worker} ({Models} models available)", Url, models.Count(model => model.IsAvailable));
                delay = FirstReconnectDelay;
                await closed.Task.WaitAsync(stopping);
                logger.LogWarning("Lost the connection to inference worker {Worker}; reconnecting", Url);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Inference worker {Worker} is unreachable; next try in {Delay}", Url, delay);
            }
            finally
            {
                _state = null;
            }

            try
            {
                // Jitter keeps several web nodes from knocking on a restarted worker in the same instant.
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100)), stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The pool stops its links when the host stops and again when the container disposes it.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _monitor;
        _stopping.Dispose();
    }
}

/// <summary>What a worker said about itself over the monitor connection.</summary>
internal sealed record WorkerState(IReadOnlyList<WorkerModel> Models, WorkerLoad Load)
{
    public bool Offers(string model) => Models.Any(entry => entry.IsAvailable && entry.Name == model);
}
