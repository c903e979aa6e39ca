using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assist.Tests;

namespace Assist.Functions.Tests.Deployment;

/// <summary>
/// What a reviewer checks in infra/ before anyone runs <c>azd up</c>: it compiles and lints clean with the real Bicep
/// compiler, keys are used nowhere, identities everywhere. The assertions read the compiled ARM template, what Azure
/// Resource Manager receives.
/// </summary>
public sealed partial class InfrastructureTemplateTests
{
    private static ArmTemplate Main => ArmTemplate.Main;

    private static JsonObject Site => Main.Resource("Microsoft.Web/sites");

    private static IReadOnlyDictionary<string, string> AppSettings => ArmTemplate.AppSettings(Site);

    public static TheoryData<string> Templates() =>
        new(Directory.EnumerateFiles(RepositoryPaths.Combine("infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_BuildsWithoutWarnings(string template)
    {
        var (exitCode, _, errors) = ArmTemplate.Bicep("build", template, "--stdout");

        Assert.True(exitCode == 0 && errors.Trim().Length == 0, $"bicep build {template} ({exitCode}):\n{errors}");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_LintsClean(string template)
    {
        var (exitCode, output, errors) = ArmTemplate.Bicep("lint", template);

        Assert.True(exitCode == 0 && (output + errors).Trim().Length == 0, $"bicep lint {template} ({exitCode}):\n{output}{errors}");
    }

    [Fact]
    public void Lint_ATemplateWithAProblem_IsReported()
    {
        // The linter is really running: an unused parameter is one of its default rules.
        var folder = Directory.CreateTempSubdirectory("assist-bicep-");
        try
        {
            var path = Path.Combine(folder.FullName, "unused.bicep");
            File.WriteAllText(path, "param unused string\n");
            var (_, output, errors) = ArmTemplate.Bicep("lint", path);
            Assert.Contains("no-unused-params", output + errors, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Templates_UseNoAccountKeysOrKeyBasedConnectionStrings()
    {
        Assert.Empty(ArmTemplate.KeyUses(Main.Text));
    }

    [Theory]
    [InlineData("{ name: 'AzureWebJobsStorage', value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value}' }")]
    [InlineData("{ name: 'Storage__ConnectionString', value: 'BlobEndpoint=${blob};SharedAccessSignature=${storageAccount.listAccountSas(\'2023-05-01\', sas).accountSasToken}' }")]
    [InlineData("\"[format('DefaultEndpointsProtocol=https;AccountName={0};AccountKey={1}', parameters('name'), listKeys(resourceId('Microsoft.Storage/storageAccounts', parameters('name')), '2023-05-01').keys[0].value)]\"")]
    public void KeyUses_AKeyBasedSetting_IsFlagged(string setting)
    {
        Assert.NotEmpty(ArmTemplate.KeyUses(setting));
    }

    [Fact]
    public void AppSettings_ReachHostStorageThroughTheManagedIdentity()
    {
        Assert.Equal("parameters('storageAccountName')", AppSettings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("'managedidentity'", AppSettings["AzureWebJobsStorage__credential"]);
        Assert.Equal("parameters('appIdentityClientId')", AppSettings["AzureWebJobsStorage__clientId"]);
        // A plain AzureWebJobsStorage (or any *ConnectionString) would be a key-based connection string.
        Assert.DoesNotContain("AzureWebJobsStorage", AppSettings.Keys);
        Assert.DoesNotContain(AppSettings.Keys, k => k.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && k != "APPLICATIONINSIGHTS_CONNECTION_STRING");
    }

    [Fact]
    public void AppSettings_DisableTheHostsHomepage()
    {
        Assert.Equal("'true'", AppSettings["AzureWebJobsDisableHomepage"]);
    }

    [Fact]
    public void AppSettings_GiveTheDurableTaskHubAnIdentityItSupports()
    {
        // The task hub lives in AzureWebJobsStorage. Durable Functions takes a user-assigned identity by its client id
        // and does not support managedIdentityResourceId.
        Assert.Equal("'managedidentity'", AppSettings["AzureWebJobsStorage__credential"]);
        Assert.Equal("parameters('appIdentityClientId')", AppSettings["AzureWebJobsStorage__clientId"]);
        Assert.DoesNotContain(AppSettings.Keys, k => k.StartsWith("AzureWebJobsStorage__managedIdentityResourceId", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Rbac_GrantsTheIdentityWhatTheDurableTaskHubNeedsOnTheStorageAccount()
    {
        // Microsoft's "Configure Durable Functions with managed identity": Queue, Table and Blob Data Contributor on
        // the account that holds the task hub. Blob Data Owner includes Blob Data Contributor (and is what the host
        // needs for itself).
        const string queueContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
        const string tableContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        const string blobContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
        const string blobOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
        var rbac = Main.ModuleTemplate("rbac");
        var variables = rbac.Root["variables"]!.AsObject();
        var granted = variables["storageRoleIds"]!.AsArray()
            .Select(r => Regex.Match((string)r!, @"^\[variables\('(?<name>\w+)'\)\]$").Groups["name"].Value)
            .Select(name => (string?)variables[name])
            .ToList();

        Assert.Contains(queueContributor, granted);
        Assert.Contains(tableContributor, granted);
        Assert.True(granted.Contains(blobContributor) || granted.Contains(blobOwner), $"No blob data role in {string.Join(", ", granted)}.");

        // One assignment per role, on the storage account, to the app's identity.
        var assignment = Assert.Single(rbac.Resources("Microsoft.Authorization/roleAssignments"), a => a["copy"] is not null
            && (string?)a["properties"]!["principalId"] == "[parameters('appIdentityPrincipalId')]");
        Assert.Equal("[length(variables('storageRoleIds'))]", (string?)assignment["copy"]!["count"]);
        Assert.Equal("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('storageRoleIds')[copyIndex()])]", (string?)assignment["properties"]!["roleDefinitionId"]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)assignment["scope"]);
        // The account the roles are on is the storage module's, the one AzureWebJobsStorage__accountName names.
        var rbacAccount = (string?)Main.Module("rbac")["properties"]!["parameters"]!["storageAccountName"]!["value"];
        Assert.Contains("'Microsoft.Resources/deployments', 'storage')", rbacAccount, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.name.value]", rbacAccount, StringComparison.Ordinal);
        Assert.Equal(rbacAccount, (string?)Main.Module("functions")["properties"]!["parameters"]!["storageAccountName"]!["value"]);
    }

    [Theory]
    [InlineData("Storage__TableServiceUri", "table")]
    [InlineData("Storage__BlobServiceUri", "blob")]
    [InlineData("Storage__QueueServiceUri", "queue")]
    public void AppSettings_GiveTheAppItsStorageEndpoints(string setting, string service)
    {
        Assert.Matches($@"^reference\(resourceId\('Microsoft\.Storage/storageAccounts', parameters\('storageAccountName'\)\), '[0-9-]+'\)\.primaryEndpoints\.{service}$", AppSettings[setting]);
        Assert.Equal("parameters('appIdentityClientId')", AppSettings["Storage__ManagedIdentityClientId"]);
    }

    [Fact]
    public void AppSettings_SendTelemetryWithEntra()
    {
        Assert.Equal("format('Authorization=AAD;ClientId={0}', parameters('appIdentityClientId'))", AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Matches(@"^reference\(resourceId\('Microsoft\.Insights/components', parameters\('applicationInsightsName'\)\), '[0-9-]+'\)\.ConnectionString$", AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        // The OTLP endpoint is added only when one is given.
        var otlp = (string)Main.ModuleTemplate("functions").Root["variables"]!["otlpSettings"]!;
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", otlp, StringComparison.Ordinal);
        Assert.Contains("parameters('otlpEndpoint')", otlp, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_IsAFlexConsumptionIsolatedWorkerOverHttpsOnly()
    {
        var plan = Main.Resource("Microsoft.Web/serverfarms");
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
        Assert.Equal("functionapp,linux", (string?)Site["kind"]);
        Assert.True((bool)Site["properties"]!["httpsOnly"]!);
        Assert.Equal("1.2", (string?)Site["properties"]!["siteConfig"]!["minTlsVersion"]);

        // What scripts/publish lays out: a framework-dependent .NET 10 isolated worker, run on the platform's .NET 10.
        var config = Site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        // On Flex Consumption the worker runtime lives in functionAppConfig.runtime; these app settings are refused.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", AppSettings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", AppSettings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", AppSettings.Keys);
        // The deployment container is read with the app identity, not a key.
        var storage = config["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal("[parameters('appIdentityId')]", (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
    }

    [Fact]
    public void AppSettings_SignStaffInWithEntraValidatedByTheApp()
    {
        Assert.Equal("'Entra'", AppSettings["Auth__Mode"]);
        // The cloud's own sign-in address (https://login.microsoftonline.com/ in Azure's public cloud).
        Assert.Equal("environment().authentication.loginEndpoint", AppSettings["AzureAd__Instance"]);
        Assert.Equal("parameters('entraTenantId')", AppSettings["AzureAd__TenantId"]);
        Assert.Equal("parameters('entraClientId')", AppSettings["AzureAd__ClientId"]);
        // The tenant is the subscription's unless azd names another; the client id is the app registration's.
        var functions = Main.Module("functions")["properties"]!["parameters"]!;
        Assert.Equal("[if(not(empty(parameters('entraTenantId'))), createObject('value', parameters('entraTenantId')), createObject('value', tenant().tenantId))]", (string?)functions["entraTenantId"]);
        Assert.Equal("[parameters('entraClientId')]", (string?)functions["entraClientId"]!["value"]);
        // No secret, and nothing of App Service Authentication.
        Assert.DoesNotContain(AppSettings.Keys, k => k.Contains("SECRET", StringComparison.OrdinalIgnoreCase) || k.StartsWith("WEBSITE_AUTH", StringComparison.Ordinal)
            || k == "OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID" || k == "AzureAd__ClientSecret");
    }

    [Fact]
    public void FunctionApp_HasNoAppServiceAuthentication()
    {
        // Not supported on Flex Consumption, where nothing would verify the X-MS-CLIENT-PRINCIPAL header it promises:
        // the app validates Entra tokens itself.
        Assert.DoesNotContain(Main.AllResources(), r => (string?)r["type"] == "Microsoft.Web/sites/config"
            && ((string?)r["name"])!.Contains("authsettings", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("authsettings", Main.Text, StringComparison.OrdinalIgnoreCase);
        // The site runs as the app identity alone.
        Assert.Single(Site["identity"]!["userAssignedIdentities"]!.AsObject());
    }

    [Theory]
    [InlineData("ASSIST_SIGN_IN_REDIRECT_URI", "/signin-oidc")]
    [InlineData("ASSIST_SIGN_OUT_REDIRECT_URI", "/signout-callback-oidc")]
    public void Outputs_NameTheRedirectUrisTheAppRegistrationNeeds(string output, string path)
    {
        var value = (string?)Main.Root["outputs"]![output]!["value"];

        Assert.StartsWith($"[format('{{0}}{path}', reference(", value, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.uri.value)]", value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("allowSharedKeyAccess", "false")]
    [InlineData("allowBlobPublicAccess", "false")]
    [InlineData("minimumTlsVersion", "\"TLS1_2\"")]
    [InlineData("supportsHttpsTrafficOnly", "true")]
    [InlineData("defaultToOAuthAuthentication", "true")]
    public void StorageAccount_IsLockedDown(string property, string value)
    {
        var account = Main.Resource("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.Equal(value, account[property]?.ToJsonString());
    }

    [Fact]
    public void Containers_AreAllPrivate()
    {
        var containers = Main.Resource("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.NotNull(containers["copy"]);
        Assert.Equal("None", (string?)containers["properties"]!["publicAccess"]);
    }

    [Fact]
    public void StorageAccount_KeepsDeletedBlobsAndRemovesAbandonedUploads()
    {
        var blobs = Main.Resource("Microsoft.Storage/storageAccounts/blobServices")["properties"]!;
        Assert.True((bool)blobs["deleteRetentionPolicy"]!["enabled"]!);
        Assert.True((bool)blobs["containerDeleteRetentionPolicy"]!["enabled"]!);

        var storage = Main.ModuleTemplate("storage").Root;
        var rule = Assert.Single(Main.Resource("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray())!;
        Assert.True((bool)rule["enabled"]!);
        Assert.Equal("[format('{0}/', parameters('pendingUploadsContainerName'))]", (string?)Assert.Single(rule["definition"]!["filters"]!["prefixMatch"]!.AsArray()));
        Assert.Equal(1, (int)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!);
        Assert.Equal("uploads-pending", (string?)storage["parameters"]!["pendingUploadsContainerName"]!["defaultValue"]);

        var containers = storage["variables"]!["containerNames"]!.AsArray().Select(c => (string?)c).ToList();
        Assert.Contains("attachments", containers);
        Assert.Contains("[parameters('pendingUploadsContainerName')]", containers);
        Assert.Contains("outbox", storage["parameters"]!["queueNames"]!["defaultValue"]!.AsArray().Select(q => (string?)q));
    }

    [Theory]
    [InlineData("storageBlobDataOwnerRoleId", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")]
    [InlineData("storageTableDataContributorRoleId", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")]
    [InlineData("storageQueueDataContributorRoleId", "974c5e8b-45b9-4653-ba55-5f855dd0fb88")]
    [InlineData("monitoringMetricsPublisherRoleId", "3913510d-42f4-4e42-8a64-420c390055eb")]
    public void Rbac_AssignsEveryRoleTheAppNeedsToItsIdentity(string variable, string roleDefinitionId)
    {
        // Blob, table and queue roles: the app's own data and the Durable task hub (control and work-item queues,
        // history and instance tables, lease blobs).
        var rbac = Main.ModuleTemplate("rbac").Root;
        var variables = rbac["variables"]!.AsObject();
        Assert.Equal(roleDefinitionId, (string?)variables[variable]);
        var storageRoles = variables["storageRoleIds"]!.AsArray().Select(r => (string?)r).ToList();

        Assert.Contains(Main.ModuleTemplate("rbac").Resources("Microsoft.Authorization/roleAssignments"), assignment =>
        {
            var properties = assignment["properties"]!;
            var role = (string?)properties["roleDefinitionId"] ?? string.Empty;
            var direct = role.Contains($"variables('{variable}')", StringComparison.Ordinal);
            var looped = assignment["copy"] is not null && role.Contains("variables('storageRoleIds')[copyIndex()]", StringComparison.Ordinal) && storageRoles.Contains($"[variables('{variable}')]");
            return (string?)properties["principalId"] == "[parameters('appIdentityPrincipalId')]" && (direct || looped);
        });
    }

    [Fact]
    public void Main_WiresItsModulesAndTheAbbreviationsItUses()
    {
        var modules = Main.Root["resources"]!.AsArray().Where(r => (string?)r!["type"] == "Microsoft.Resources/deployments").Select(r => (string?)r!["name"]).ToList();
        Assert.Equal(["identity", "storage", "monitoring", "rbac", "functions"], modules);

        // loadJsonContent('abbreviations.json') is inlined (abbrs names the inlined object): every abbreviation main
        // uses must be in it.
        var variables = Main.Root["variables"]!.AsObject();
        var inlined = Regex.Match((string)variables["abbrs"]!, @"^\[variables\('(?<name>[^']+)'\)\]$").Groups["name"].Value;
        var abbreviations = variables[inlined]!.AsObject();
        var used = AbbreviationUse().Matches(Main.Text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, a => Assert.True(abbreviations.ContainsKey(a), a));
    }

    [Fact]
    public void ParametersFile_CoversEveryRequiredParameterOfMain()
    {
        var declared = Main.Root["parameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!["defaultValue"] is not null);
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
        // azd deploys the checked folder as it is: no `dotnet publish` of its own, no remote build.
        Assert.Matches(@"(?m)^\s+language: custom\s*$", yaml);
        Assert.Matches(@"(?m)^\s+remoteBuild: false\s*$", yaml);
        Assert.Matches(@"(?m)^\s+dist: artifacts/assist-functions\s*$", yaml);
        Assert.Matches(@"(?m)^\s+run: bash scripts/publish\s*$", yaml);
        Assert.Contains("stage=\"$out/assist-functions\"", publish, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+api:\s*$", yaml);
        // The site carries the tag azd looks for, naming the service azure.yaml deploys.
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', variables('serviceName')))]", (string?)Site["tags"]);
        Assert.Equal("api", (string?)Main.ModuleTemplate("functions").Root["variables"]!["serviceName"]);
    }

    [GeneratedRegex(@"variables\('abbrs'\)\.(\w+)")]
    private static partial Regex AbbreviationUse();
}
