using Assist.Storage;

namespace Assist.Storage.Tests;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtAzuriteDefaultPorts()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.NotNull(parsed.AccountKey);
    }

    [Fact]
    public void Parse_AccountAndSuffix_BuildsServiceEndpoints()
    {
        var parsed = StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=assistprod;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal("assistprod", parsed.AccountName);
        Assert.Equal(new Uri("https://assistprod.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("https://assistprod.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
        Assert.Equal("a2V5", parsed.AccountKey);
    }

    [Fact]
    public void Parse_ExplicitPathStyleEndpoints_TakesAccountFromPath()
    {
        var parsed = StorageConnectionString.Parse(
            "DefaultEndpointsProtocol=http;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:5/acct;QueueEndpoint=http://127.0.0.1:6/acct;TableEndpoint=http://127.0.0.1:7/acct;");

        Assert.Equal("acct", parsed.AccountName);
        Assert.Equal(7, parsed.TableEndpoint.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AccountKey=a2V5")]
    [InlineData("garbage")]
    public void TryParse_Incomplete_ReportsWhy(string value)
    {
        var ok = StorageConnectionString.TryParse(value, out var parsed, out var error);

        Assert.False(ok);
        Assert.Null(parsed);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void ToString_NeverContainsTheKey()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.DoesNotContain(StorageConnectionString.DevelopmentAccountKey, parsed.ToString(), StringComparison.Ordinal);
        Assert.Contains(StorageConnectionString.DevelopmentAccountKey, parsed.ToConnectionString(), StringComparison.Ordinal);
    }
}
