using System.Security.Cryptography;
using System.Text.Json;
using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>
/// What an Idempotency-Key is bound to: a SHA-256 over the submitted form, with each attachment taken by its name,
/// size and content hash (its blob id is drawn afresh for every upload, so a retry's copies match the first ones).
/// A retry with the same key and the same fingerprint replays the first ticket; another fingerprint is another
/// submission under a reused key, refused instead of silently answered with the first ticket.
/// </summary>
internal static class SubmissionFingerprint
{
    public static string Of(EnterpriseForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var canonical = form with { Attachments = null };
        var files = (form.Attachments?.AsEnumerable() ?? []).Select(a => new { a.FileName, a.Size, a.Sha256 });
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { Form = canonical, Files = files });
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
