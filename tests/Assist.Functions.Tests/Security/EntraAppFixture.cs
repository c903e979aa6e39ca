using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Functions.Tests.Api;
using Assist.Storage.Directory;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Security;

/// <summary>
/// One app with <c>Auth:Mode=Entra</c> on its own Azurite, trusting <see cref="EntraTestTenant"/>, and two staff users
/// in its directory: a supervisor whose directory id is her Entra object id, and a liaison officer whose directory id
/// is his sign-in name.
/// </summary>
public sealed class EntraAppFixture : IAsyncLifetime
{
    public const string SupervisorObjectId = "5f0c8d1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f";
    public const string OfficerSignInName = "wang.fang@district.example.gov.cn";

    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public EntraTestTenant Tenant { get; } = new();

    public ApiHarness Api => _api!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite, EntraTestTenant.Settings(), Tenant.UseIn);
        var directory = _api.App.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertUserAsync(new StaffUser(SupervisorObjectId, "李娜", "supervision", ValueList.Of(StaffRole.Supervisor)));
        await directory.UpsertUserAsync(new StaffUser(OfficerSignInName, "王芳", "finance", ValueList.Of(StaffRole.LiaisonOfficer)));
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Tenant.Dispose();
    }
}
