namespace CollabCanvas.Web.Tests.Crash;

/// <summary>
/// The crash test's workload: a new seed, a run to completion, a save; again and again until the app is killed under
/// it. Only a save answered 2xx counts as acknowledged. A request the kill cut off ends the loop quietly; any answer
/// that is not 2xx (the app was alive to give it) fails the test.
/// </summary>
internal sealed class SaveLoop(CrashRoomClient client, Guid roomId, Random random, List<Guid> acknowledged)
{
    private volatile bool saving;

    /// <summary>Whether a save request is on its way or being answered now.</summary>
    public bool IsSaving => saving;

    public int Rounds { get; private set; }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        Rounds++;
        await client.ChangeParametersAsync(roomId, new { seed = random.Next() });
        await client.GenerateAsync(roomId, cancellationToken);
        saving = true;
        try
        {
            var id = await client.SaveVersionAsync(roomId, $"Round {Rounds}", cancellationToken);
            lock (acknowledged)
            {
                acknowledged.Add(id);
            }
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>Runs rounds until a request fails because the app went away.</summary>
    public async Task RunUntilFailureAsync()
    {
        try
        {
            while (true)
            {
                await RunOnceAsync(CancellationToken.None);
            }
        }
        catch (HttpRequestException)
        {
            // The app was killed under a request: connection reset or refused.
        }
        catch (IOException)
        {
            // The connection dropped while a response body was read.
        }
        catch (TaskCanceledException)
        {
            // The request timed out because nothing answers any more.
        }
    }
}
