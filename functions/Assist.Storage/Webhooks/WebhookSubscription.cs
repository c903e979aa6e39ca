namespace Assist.Storage.Webhooks;

/// <summary>
/// A receiver an administrator configured: where to post, which notification kinds (none listed: every kind), whether
/// it is on. Its secret is never part of it: it is shown once, when created or rotated (<see cref="SecretHint"/> after).
/// </summary>
public sealed record WebhookSubscription(
    string Id,
    string Name,
    Uri Url,
    IReadOnlyList<string> Events,
    bool Active,
    string SecretHint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether a notification of <paramref name="kind"/> goes to this receiver (a test delivery always does).</summary>
    public bool Wants(string kind) =>
        kind == WebhookEvent.TestKind || (Active && (Events.Count == 0 || Events.Contains(kind, StringComparer.Ordinal)));
}
