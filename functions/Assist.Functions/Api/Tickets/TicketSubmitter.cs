using System.Security.Cryptography;
using Assist.Domain.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.DataProtection;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// The public form's one use case, for the API and the submission page alike: a fresh tracking code (only its hash is
/// stored; the code itself is kept, protected, as the idempotency payload so a retry with the same key gets the same
/// number and code), the submit, and the files discarded unless the ticket took them.
/// </summary>
public sealed class TicketSubmitter(TicketService tickets, MultipartUpload uploads, IDataProtectionProvider protection)
{
    public const string PayloadPurpose = "Assist.SubmitTicket.IdempotencyPayload.v1";

    public async Task<SubmitOutcome> SubmitAsync(SubmitTicketRequest form, IReadOnlyList<AttachmentRef> files, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(files);
        var protector = protection.CreateProtector(PayloadPurpose);
        var code = TrackingCode.Generate();
        var kept = false;
        try
        {
            var result = await tickets.SubmitAsync(
                string.IsNullOrEmpty(idempotencyKey)
                    ? new SubmitRequest(form.ToForm(files), Actor.Enterprise, TrackingCode.Hash(code), null, null)
                    : new SubmitRequest(form.ToForm(files), Actor.Enterprise, TrackingCode.Hash(code), idempotencyKey, protector.Protect(code)),
                cancellationToken);
            switch (result)
            {
                case SubmitResult.Created created:
                    // The files are the ticket's now; the engine's dispatch moves them out of the pending uploads.
                    kept = true;
                    return new SubmitOutcome.Accepted(created.Ticket, code);
                case SubmitResult.Replayed replayed:
                    // The first request's files are the ticket's; this retry's copies go.
                    return Replayed(replayed, protector);
                case SubmitResult.Rejected rejected:
                    return new SubmitOutcome.Refused(rejected.Rejection);
                case SubmitResult.KeyMismatch mismatch:
                    return new SubmitOutcome.KeyMismatch(mismatch.TicketNumber);
                default:
                    throw new InvalidOperationException($"Unexpected submit result {result.GetType().Name}.");
            }
        }
        finally
        {
            if (!kept)
            {
                await uploads.DiscardAsync(files);
            }
        }
    }

    private static SubmitOutcome Replayed(SubmitResult.Replayed replayed, IDataProtector protector)
    {
        string? code;
        try
        {
            code = replayed.IdempotencyPayload is { } payload ? protector.Unprotect(payload) : null;
        }
        catch (CryptographicException)
        {
            code = null;
        }

        return code is not null && TrackingCode.Matches(code, replayed.Ticket.TrackingCodeHash)
            ? new SubmitOutcome.Accepted(replayed.Ticket, code)
            : new SubmitOutcome.KeyReused(replayed.Ticket);
    }
}

/// <summary>What a submission came to: the ticket with its tracking code, a refusal, a reused idempotency key whose code cannot be shown again, or a key first used with another form.</summary>
public abstract record SubmitOutcome
{
    private SubmitOutcome()
    {
    }

    public sealed record Accepted(TicketRecord Ticket, string TrackingCode) : SubmitOutcome;

    public sealed record Refused(Rejection Rejection) : SubmitOutcome;

    public sealed record KeyReused(TicketRecord Ticket) : SubmitOutcome;

    /// <summary>The idempotency key was first used with a different form (the ticket it created, if any): nothing was created.</summary>
    public sealed record KeyMismatch(string? TicketNumber) : SubmitOutcome;
}
