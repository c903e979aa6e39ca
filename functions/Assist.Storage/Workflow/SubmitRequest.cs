using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>
/// A new ticket: the form, who submits it, the hash of the tracking code the caller generated (the code itself is
/// never stored), and an optional idempotency key with the payload to hand back on a retry.
/// </summary>
public sealed record SubmitRequest(EnterpriseForm Form, Actor By, string TrackingCodeHash, string? IdempotencyKey, string? IdempotencyPayload);
