using System.Net;
using System.Net.Sockets;
using Assist.Functions.Hosting;
using Assist.Functions.Triggers;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Hosting;

[Collection(UsesAzurite.Name)]
public sealed class CustomHandlerHostingTests(AzuriteFixture storage)
{
    [Fact]
    public async Task Start_UnderFunctionsHost_ListensOnTheHostPortWithoutTheStandaloneScheduler()
    {
        var port = FreePort();
        var app = AssistApp.Build([
            $"--FUNCTIONS_CUSTOMHANDLER_PORT={port}",
            $"--Storage:ConnectionString={storage.Azurite.ConnectionString}",
        ]);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var response = await client.GetAsync("/healthz");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(app.Services.GetRequiredService<CustomHandlerEnvironment>().UnderFunctionsHost);
            Assert.Null(app.Services.GetService<StandaloneScheduler>());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void AddLocalSettingsFile_ReadsValuesWithDoubleUnderscoreKeys()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"IsEncrypted":false,"Values":{"Storage__ConnectionString":"UseDevelopmentStorage=true","FUNCTIONS_WORKER_RUNTIME":"custom"}}""");

            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddLocalSettingsFile(file).Build();

            Assert.Equal("UseDevelopmentStorage=true", configuration["Storage:ConnectionString"]);
            Assert.Equal("custom", configuration["FUNCTIONS_WORKER_RUNTIME"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
