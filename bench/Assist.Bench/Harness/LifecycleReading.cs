namespace Assist.Bench.Harness;

/// <summary>What <c>GET /api/admin/lifecycle</c> says about the app's orchestrations (one app instance: "here" is all).</summary>
internal sealed record LifecycleReading(int MarkersPending, int QueuedHere, int AwaitedHere, long ActivityFailures, double? ScheduleDelayP50Ms, double? ScheduleDelayP95Ms)
{
    /// <summary>Every submission scheduled, its marker forgotten, and its first look (routing, projection) done.</summary>
    public bool Settled => MarkersPending == 0 && QueuedHere == 0 && AwaitedHere == 0;
}
