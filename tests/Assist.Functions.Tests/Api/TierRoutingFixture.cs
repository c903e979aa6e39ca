using Assist.Tests;

namespace Assist.Functions.Tests.Api;

/// <summary>One app with the seeded directory on its own Azurite, for the tier routing tests.</summary>
public sealed class TierRoutingFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public ApiHarness Api => _api!;

    /// <summary>For a test that changes the directory: its own app (own storage prefix) on the same Azurite.</summary>
    public Task<ApiHarness> StartOwnAppAsync() => ApiHarness.StartAsync(_azurite!);

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite);
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
    }
}
