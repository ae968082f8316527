using CollabCanvas.Engine.Onnx;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Engine.Tests.Support;

/// <summary>Session factories for tests: always the CPU, so results do not depend on the machine.</summary>
internal static class TestSessions
{
    public static SessionOptionsFactory CpuFactory() =>
        new(Options.Create(new EngineOptions { ExecutionProvider = ExecutionProvider.Cpu, IntraOpThreads = 1 }),
            new ListLogger<SessionOptionsFactory>());
}
