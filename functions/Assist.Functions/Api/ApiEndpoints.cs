using Assist.Functions.Api.Admin;
using Assist.Functions.Api.Dev;
using Assist.Functions.Api.Reports;
using Assist.Functions.Api.Staff;
using Assist.Functions.Api.Tickets;
using Assist.Storage.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assist.Functions.Api;

/// <summary>Maps the HTTP API, grouped by concern; the development endpoints only in Development.</summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddAssistApi(this IServiceCollection services)
    {
        services.AddSingleton<MultipartUpload>();
        services.AddSingleton<TicketSubmitter>();
        services.AddSingleton<StaffCommandRunner>();
        services.AddSingleton<MobileRevealAudit>();
        // The reports read the projections; who may read which report is a policy.
        services.TryAddSingleton<ReportService>();
        services.Configure<AuthorizationOptions>(ReportAccess.AddPolicies);
        return services;
    }

    public static IEndpointRouteBuilder MapAssistApi(this IEndpointRouteBuilder endpoints, bool development)
    {
        if (development)
        {
            endpoints.MapDevEndpoints();
        }

        return endpoints;
    }
}
