using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assist.Tests;

namespace Assist.Functions.Tests.Deployment;

/// <summary>What a reviewer checks in infra/ before anyone runs <c>azd up</c>: keys nowhere, identities everywhere.</summary>
public sealed partial class InfrastructureTemplateTests
{
    private static readonly BicepText Functions = BicepText.Load("app", "functions.bicep");
    private static readonly BicepText Storage = BicepText.Load("storage.bicep");
    private static readonly BicepText Rbac = BicepText.Load("rbac.bicep");
    private static readonly BicepText Main = BicepText.Load("main.bicep");

    private static IReadOnlyDictionary<string, string> AppSettings => Functions.AppSettings();

    [Fact]
    public void Templates_UseNoAccountKeysOrKeyBasedConnectionStrings()
    {
        foreach (var template in BicepText.All())
        {
            Assert.True(BicepText.KeyUses(template.Code).Count == 0, $"{template.Path} uses keys: {string.Join(", ", BicepText.KeyUses(template.Code))}");
        }
    }

    [Theory]
    [InlineData("{ name: 'AzureWebJobsStorage', value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value}' }")]
    [InlineData("{ name: 'Storage__ConnectionString', value: 'BlobEndpoint=${blob};SharedAccessSignature=${storageAccount.listAccountSas(\'2023-05-01\', sas).accountSasToken}' }")]
    public void KeyUses_AKeyBasedSetting_IsFlagged(string setting)
    {
        Assert.NotEmpty(BicepText.KeyUses(setting));
    }

    [Fact]
    public void AppSettings_ReachHostStorageThroughTheManagedIdentity()
    {
        Assert.Equal("storageAccount.name", AppSettings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("'managedidentity'", AppSettings["AzureWebJobsStorage__credential"]);
        Assert.Equal("appIdentityClientId", AppSettings["AzureWebJobsStorage__clientId"]);
        // A plain AzureWebJobsStorage (or any *ConnectionString) would be a key-based connection string.
        Assert.DoesNotContain("AzureWebJobsStorage", AppSettings.Keys);
        Assert.DoesNotContain(AppSettings.Keys, k => k.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && k != "APPLICATIONINSIGHTS_CONNECTION_STRING");
    }

    [Fact]
    public void AppSettings_GiveTheAppItsStorageEndpointsAndIdentity()
    {
        Assert.Equal("storageAccount.properties.primaryEndpoints.table", AppSettings["Storage__TableServiceUri"]);
        Assert.Equal("storageAccount.properties.primaryEndpoints.blob", AppSettings["Storage__BlobServiceUri"]);
        Assert.Equal("storageAccount.properties.primaryEndpoints.queue", AppSettings["Storage__QueueServiceUri"]);
        Assert.Equal("appIdentityClientId", AppSettings["Storage__ManagedIdentityClientId"]);
    }

    [Fact]
    public void AppSettings_SendTelemetryWithEntraAndTrustEasyAuth()
    {
        Assert.Contains("Authorization=AAD;ClientId=${appIdentityClientId}", AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Equal("applicationInsights.properties.ConnectionString", AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("'EasyAuth'", AppSettings["Auth__Mode"]);
        Assert.Equal("otlpEndpoint", AppSettings["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [Fact]
    public void FunctionApp_IsAFlexConsumptionCustomHandlerOverHttpsOnly()
    {
        Assert.True(Functions.Has("httpsOnly", "true"));
        Assert.True(Functions.Has("tier", "'FlexConsumption'"));
        Assert.True(Functions.Has("kind", "'functionapp,linux'"));
        Assert.Matches(RuntimePattern(), Functions.Code);
        // On Flex Consumption the worker runtime lives in functionAppConfig.runtime; these app settings are refused.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", AppSettings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", AppSettings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", AppSettings.Keys);
        Assert.True(Functions.Has("type", "'UserAssignedIdentity'"), "The deployment container must be read with the app identity.");
    }

    [Fact]
    public void FunctionApp_HasEntraSignInThatLetsAnonymousRequestsThrough()
    {
        Assert.Contains("'authsettingsV2'", Functions.Code, StringComparison.Ordinal);
        Assert.Contains("azureActiveDirectory:", Functions.Code, StringComparison.Ordinal);
        Assert.True(Functions.Has("requireAuthentication", "false"));
        Assert.True(Functions.Has("unauthenticatedClientAction", "'AllowAnonymous'"));
        Assert.True(Functions.Has("clientId", "entraClientId"));
        // No client secret: the sign-in identity's federated credential stands in for it.
        Assert.True(Functions.Has("clientSecretSettingName", "'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'"));
        Assert.Equal("signInIdentityClientId", AppSettings["OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID"]);
    }

    [Theory]
    [InlineData("allowSharedKeyAccess", "false")]
    [InlineData("allowBlobPublicAccess", "false")]
    [InlineData("minimumTlsVersion", "'TLS1_2'")]
    [InlineData("supportsHttpsTrafficOnly", "true")]
    [InlineData("publicAccess", "'None'")]
    public void StorageAccount_IsLockedDown(string property, string value)
    {
        Assert.True(Storage.Has(property, value), $"storage.bicep lacks {property}: {value}");
    }

    [Fact]
    public void StorageAccount_KeepsDeletedBlobsAndRemovesAbandonedUploads()
    {
        Assert.Matches(@"deleteRetentionPolicy:\s*\{\s*enabled:\s*true", Storage.Code);
        Assert.Matches(@"containerDeleteRetentionPolicy:\s*\{\s*enabled:\s*true", Storage.Code);
        Assert.Contains("'Microsoft.Storage/storageAccounts/managementPolicies@", Storage.Code, StringComparison.Ordinal);
        Assert.Matches(@"prefixMatch:\s*\[\s*'\$\{pendingUploadsContainerName\}/'\s*\]", Storage.Code);
        Assert.Matches(@"delete:\s*\{\s*daysAfterModificationGreaterThan:\s*1\s*\}", Storage.Code);
        Assert.True(Storage.Has("param pendingUploadsContainerName string", "'uploads-pending'") || Regex.IsMatch(Storage.Code, @"param pendingUploadsContainerName string = 'uploads-pending'"));
        Assert.Contains("'attachments'", Storage.Code, StringComparison.Ordinal);
        Assert.Matches(@"param queueNames array = \[[^\]]*'outbox'", Storage.Code);
    }

    [Theory]
    [InlineData("storageBlobDataOwnerRoleId", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")]
    [InlineData("storageTableDataContributorRoleId", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")]
    [InlineData("storageQueueDataContributorRoleId", "974c5e8b-45b9-4653-ba55-5f855dd0fb88")]
    [InlineData("monitoringMetricsPublisherRoleId", "3913510d-42f4-4e42-8a64-420c390055eb")]
    public void Rbac_AssignsEveryRoleTheAppNeedsToItsIdentity(string variable, string roleDefinitionId)
    {
        Assert.True(Rbac.Has($"var {variable} =", $"'{roleDefinitionId}'") || Regex.IsMatch(Rbac.Code, $@"var {variable} = '{roleDefinitionId}'"), $"rbac.bicep does not name {variable} = {roleDefinitionId}");
        // Used by an assignment to the app identity: directly, or through the storage role list it loops over.
        var assignments = Regex.Matches(Rbac.Code, @"resource \w+ 'Microsoft\.Authorization/roleAssignments@[^']+' = (?<body>(\[for roleId in (?<list>\w+):)?[\s\S]*?principalId: (?<principal>\w+))");
        Assert.Contains(assignments, a =>
            a.Groups["principal"].Value == "appIdentityPrincipalId"
            && (a.Groups["body"].Value.Contains(variable, StringComparison.Ordinal)
                || (a.Groups["list"].Success && Regex.IsMatch(Rbac.Code, $@"var {a.Groups["list"].Value} = \[[^\]]*\b{variable}\b"))));
    }

    [Fact]
    public void Main_WiresModulesThatExistAndAbbreviationsItUses()
    {
        var modules = Regex.Matches(Main.Code, @"module \w+ '(?<path>[^']+)'").Select(m => m.Groups["path"].Value).ToList();
        Assert.Equal(["identity.bicep", "storage.bicep", "monitoring.bicep", "rbac.bicep", "app/functions.bicep"], modules);
        Assert.All(modules, m => Assert.True(File.Exists(RepositoryPaths.Combine("infra", m)), m));

        var abbreviations = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "abbreviations.json")))!.AsObject();
        Assert.All(Regex.Matches(Main.Code, @"abbrs\.(\w+)").Select(m => m.Groups[1].Value), a => Assert.True(abbreviations.ContainsKey(a), a));
    }

    [Fact]
    public void ParametersFile_CoversEveryRequiredParameterOfMain()
    {
        var declared = Regex.Matches(Main.Code, @"(?m)^param (?<name>\w+) \w+(?<default> =)?").ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success);
        var given = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "main.parameters.json")))!["parameters"]!.AsObject().Select(p => p.Key).ToList();

        Assert.All(given, p => Assert.True(declared.ContainsKey(p), $"main.parameters.json sets '{p}', which main.bicep does not declare."));
        Assert.All(declared.Where(d => !d.Value), d => Assert.Contains(d.Key, given));
    }

    [Fact]
    public void AzureYaml_DeploysTheFolderScriptsPublishLaysOut()
    {
        var yaml = File.ReadAllText(RepositoryPaths.Combine("azure.yaml"));
        var publish = File.ReadAllText(RepositoryPaths.Combine("scripts", "publish"));

        Assert.Matches(@"(?m)^\s+host: function\s*$", yaml);
        Assert.Matches(@"(?m)^\s+dist: artifacts/assist-functions\s*$", yaml);
        Assert.Matches(@"(?m)^\s+run: bash scripts/publish\s*$", yaml);
        Assert.Contains("stage=\"$out/assist-functions\"", publish, StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': serviceName", Functions.Code, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+api:\s*$", yaml);
        Assert.True(Functions.Has("var serviceName =", "'api'") || Regex.IsMatch(Functions.Code, @"var serviceName = 'api'"));
    }

    [GeneratedRegex(@"runtime:\s*\{\s*name:\s*'custom'\s*version:\s*'1\.0'\s*\}")]
    private static partial Regex RuntimePattern();
}
