// The function app: a Flex Consumption plan (Linux) running Assist as a .NET 10 isolated worker. Staff sign in with
// Microsoft Entra ID, validated by the app itself (Auth__Mode=Entra): App Service Authentication is not supported on
// Flex Consumption. Every setting that reaches storage or telemetry names an identity, never a key.
param location string
param tags object = {}
param name string
param planName string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param appIdentityId string
param appIdentityClientId string
param entraClientId string
param entraTenantId string
param otlpEndpoint string = ''
param maximumInstanceCount int = 100
param instanceMemoryMB int = 2048

// The azd service this app receives in azure.yaml.
var serviceName = 'api'

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

var identitySettings = [
  // The Functions host's own storage, through the app identity; the Durable Task hub (AssistHub in host.json) lives
  // there too, so this is also the ticket orchestrations' connection. A user-assigned identity is named by clientId:
  // Durable Functions does not support managedIdentityResourceId (Microsoft's "Configure Durable Functions with
  // managed identity"). The roles it needs are in rbac.bicep.
  { name: 'AzureWebJobsStorage__accountName', value: storageAccount.name }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: appIdentityClientId }
  // Without it the host answers its root with its own "Your Functions app is up and running" page. Assist's pages
  // have their own routes (the host cannot route an empty path to a function), so "/" tells a stranger nothing.
  { name: 'AzureWebJobsDisableHomepage', value: 'true' }
  // Assist's data (StorageOptions), through the same identity.
  { name: 'Storage__TableServiceUri', value: storageAccount.properties.primaryEndpoints.table }
  { name: 'Storage__BlobServiceUri', value: storageAccount.properties.primaryEndpoints.blob }
  { name: 'Storage__QueueServiceUri', value: storageAccount.properties.primaryEndpoints.queue }
  { name: 'Storage__ManagedIdentityClientId', value: appIdentityClientId }
  // The host's telemetry, and the app's unless OTEL_EXPORTER_OTLP_ENDPOINT is set; Application Insights accepts it only
  // with the identity's Entra token (the app reads the authentication string the way the host does).
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD;ClientId=${appIdentityClientId}' }
  { name: 'OTEL_SERVICE_NAME', value: 'assist' }
  // Staff sign-in: the app validates Entra tokens of this tenant for this app registration (Microsoft.Identity.Web),
  // bearer tokens for the API and OpenID Connect for the pages. It needs no secret: the pages receive ID tokens only.
  { name: 'Auth__Mode', value: 'Entra' }
  { name: 'AzureAd__Instance', value: environment().authentication.loginEndpoint }
  { name: 'AzureAd__TenantId', value: entraTenantId }
  { name: 'AzureAd__ClientId', value: entraClientId }
]
var otlpSettings = empty(otlpEndpoint) ? [] : [
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlpEndpoint }
]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      appSettings: concat(identitySettings, otlpSettings)
    }
    functionAppConfig: {
      // Flex Consumption takes the worker runtime here, not from FUNCTIONS_WORKER_RUNTIME (an app setting it refuses):
      // the .NET isolated worker on .NET 10, which the platform supplies, so the package is framework-dependent
      // (scripts/publish). The version is major.minor, as Flex Consumption lists dotnet-isolated runtimes.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
