namespace CollabCanvas.Inference.Protocol;

/// <summary>
/// What a worker streams back for one job, in order: <see cref="JobQueued"/> (zero or more, as the queue moves),
/// <see cref="JobStarted"/>, one <see cref="JobStepped"/> per step, then <see cref="JobCompleted"/>; or, at any
/// point, one of <see cref="JobFailed"/>, <see cref="JobBusy"/> or <see cref="JobCancelled"/>, which end the stream.
/// They travel over MessagePack tagged with their kind (<see cref="WorkerMessagePack"/>).
/// </summary>
public abstract record WorkerEvent;

/// <summary>Waiting for the device; <paramref name="Position"/> 1 = next.</summary>
public sealed record JobQueued(int Position) : WorkerEvent;

/// <summary>The job has the device: <paramref name="TotalSteps"/> steps follow.</summary>
public sealed record JobStarted(int TotalSteps, int Seed, IReadOnlyList<string> Notes) : WorkerEvent;

/// <summary>One denoising step finished; <paramref name="Elapsed"/> counts from the start of the run.</summary>
public sealed record JobStepped(int Index, int TotalSteps, TimeSpan Elapsed, WorkerImage? Preview) : WorkerEvent;

/// <summary>The image is ready (<see cref="WorkerImage.Bytes"/> is a PNG).</summary>
public sealed record JobCompleted(WorkerImage Image, int Seed, TimeSpan Elapsed) : WorkerEvent;

/// <summary>The request was refused (bad input, unknown model) or the run broke; one line a person can act on.</summary>
public sealed record JobFailed(string Reason) : WorkerEvent;

/// <summary>The worker's queue is full: nothing was queued, another worker (or a later try) may take the job.</summary>
public sealed record JobBusy(string Reason) : WorkerEvent;

/// <summary>The job was cancelled (by <c>Cancel(jobId)</c> or by the caller cancelling the stream).</summary>
public sealed record JobCancelled : WorkerEvent;

/// <summary>An encoded image: a step preview or the final PNG.</summary>
public sealed record WorkerImage(byte[] Bytes, string ContentType, int Width, int Height);
