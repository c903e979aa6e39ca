namespace Assist.Storage.Webhooks;

/// <summary>
/// How deliveries are tried (configuration section <see cref="SectionName"/>). The defaults give a receiver that is
/// away about a day to come back: 30 s, 1 min, 2 min … capped at 1 h between attempts, 30 attempts in all.
/// </summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>How long one post may take; a receiver that hangs costs one attempt, never a ticket's time.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxAttempts { get; set; } = 30;

    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a queued notification stays hidden for the process that queued it to fan out; if that process dies
    /// first, the timer sweep takes it up after this (so it is well above the time a fan-out takes).
    /// </summary>
    public TimeSpan HandOverLease { get; set; } = TimeSpan.FromMinutes(2);
}
