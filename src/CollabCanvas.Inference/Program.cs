using CollabCanvas.Inference.Hosting;

namespace CollabCanvas.Inference;

/// <summary>The worker's entry point, public (and named apart from the web app's <c>Program</c>) so tests can host it.</summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddInferenceWorker();
        var app = builder.Build();
        app.UseInferenceWorker();
        await app.RunAsync();
    }
}
