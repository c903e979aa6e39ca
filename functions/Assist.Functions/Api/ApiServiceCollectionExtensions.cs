using Assist.Functions.Api.Reports;
using Assist.Functions.Api.Staff;
using Assist.Functions.Api.Tickets;
using Assist.Storage.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assist.Functions.Api;

/// <summary>
/// The services the HTTP API's functions use. The functions need no mapping: each is an HTTP-triggered
/// <c>[Function]</c>, served at its declared route (see <see cref="Hosting.Functions.HttpFunctionEndpointSource"/>).
/// </summary>
public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddAssistApi(this IServiceCollection services)
    {
        services.AddSingleton<MultipartUpload>();
        services.AddSingleton<TicketSubmitter>();
        services.AddSingleton<StaffCommandRunner>();
        services.AddSingleton<MobileRevealAudit>();
        // The reports read the projections; who may read which report is a policy.
        services.TryAddSingleton<ReportService>();
        services.TryAddSingleton<Assist.Storage.CommonIssues.CommonIssueService>();
        services.Configure<AuthorizationOptions>(ReportAccess.AddPolicies);
        return services;
    }
}
