using System.Globalization;
using Assist.Domain.Calendar;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Resources;
using Assist.Functions.Web;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Api.Tickets;

/// <summary>A choice on the enterprise form: the value to send and its label in the caller's language.</summary>
public sealed record FormOption(string Value, string Label);

/// <summary>A request type with the time limits the current SLA policy promises for it (normal and urgent).</summary>
public sealed record TicketTypeOption(string Value, string Label, TimeLimit SignIn, TimeLimit Resolution, TimeLimit UrgentSignIn, TimeLimit UrgentResolution);

/// <summary>An accepted attachment type: its media type, its label, and the file name extensions that claim it.</summary>
public sealed record AttachmentTypeOption(string MediaType, string Label, IReadOnlyList<string> Extensions);

/// <summary>What a file may be: how many per submission, how large each, of which types (<c>accept</c> for a file input).</summary>
public sealed record AttachmentRules(int MaxFiles, long MaxBytesPerFile, string Accept, IReadOnlyList<AttachmentTypeOption> Types);

/// <summary>
/// Everything a client needs to build the enterprise form: the districts and topics of the directory, the request
/// types with their promised limits, sizes, tiers, suggested industries (free text is accepted), and the attachment
/// rules. Values are what <c>POST /api/tickets</c> takes; labels are in the caller's language.
/// </summary>
public sealed record FormOptions(
    string Language,
    IReadOnlyList<FormOption> Districts,
    IReadOnlyList<FormOption> Topics,
    IReadOnlyList<TicketTypeOption> Types,
    IReadOnlyList<FormOption> Sizes,
    IReadOnlyList<FormOption> Tiers,
    IReadOnlyList<string> Industries,
    AttachmentRules Attachments);

/// <summary><c>GET /api/form-options</c>: the <see cref="FormOptions"/> in the caller's language, for anyone.</summary>
[Tags("Enterprise")]
[AllowAnonymous]
[EnableRateLimiting(ApiRateLimits.Public)]
public sealed class FormOptionsFunction(DirectoryStore directory, IOptions<AttachmentOptions> attachmentOptions)
{
    [Function("GetFormOptions")]
    [EndpointSummary("The enterprise form's choices (districts, topics, types with their time limits, sizes, tiers) and attachment rules, labelled in the caller's language (Accept-Language).")]
    [Produces(StatusCodes.Status200OK, typeof(FormOptions))]
    [ProducesProblem(StatusCodes.Status429TooManyRequests)]
    public async Task<IResult> GetFormOptionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/form-options")] HttpRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        var chinese = ApiLanguage.PrefersChinese(request);
        request.HttpContext.Response.Headers.Vary = "Accept-Language";
        return Results.Ok(Build(snapshot, attachmentOptions.Value, chinese));
    }

    /// <summary>The options in one language: the caller's, passed explicitly (the labels' text reads the UI culture).</summary>
    public static FormOptions Build(DirectorySnapshot snapshot, AttachmentOptions attachments, bool chinese)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(attachments);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(chinese ? PageCulture.Chinese : PageCulture.English);
        try
        {
            var organization = snapshot.Organization;
            var sla = snapshot.Policies.Sla;
            return new FormOptions(
                chinese ? PageCulture.Chinese : PageCulture.English,
                [.. organization.Districts.Select(d => new FormOption(d, d))],
                [.. organization.Topics.Where(t => t.Active).Select(t => new FormOption(t.Code, chinese ? t.NameZh : t.NameEn))],
                [.. Enum.GetValues<TicketType>().Select(type => new TicketTypeOption(
                    type.ToString(),
                    UiText.Type(type),
                    sla.For(type, urgent: false).SignIn,
                    sla.For(type, urgent: false).Resolution,
                    sla.For(type, urgent: true).SignIn,
                    sla.For(type, urgent: true).Resolution))],
                [.. UiText.Sizes.Select(s => new FormOption(s.Value, s.Label))],
                [.. EnterpriseTiers.All.Select(t => new FormOption(t.Code, chinese ? t.NameZh : t.NameEn))],
                UiText.Industries,
                new AttachmentRules(
                    attachments.MaxFiles,
                    attachments.MaxBytes,
                    AttachmentTypes.AcceptAttribute,
                    [.. AttachmentTypes.All.Select(t => new AttachmentTypeOption(t.ContentType, chinese ? t.NameZh : t.Name, t.Extensions))]));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
