// Assist on Azure: one Flex Consumption function app running Assist as a .NET isolated worker, its storage
// (tables, blobs, queues), monitoring, a user-assigned identity with its roles, and Microsoft Entra sign-in (validated
// by the app itself).
// `azd up` provisions this and deploys the package that scripts/publish builds.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; with the subscription and location it seeds the resource token.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Microsoft Entra application (client) id of the app registration staff sign in with (README: Staff sign-in in Azure).')
param entraClientId string

@description('Tenant of that app registration; empty means the tenant of this subscription.')
param entraTenantId string = ''

@description('Object id of the person running azd; gets data access to the storage account for support work. Empty for none.')
param principalId string = ''

@description('OTLP endpoint (collector) for the app\'s own traces, metrics and logs; empty sends its traces and metrics to Application Insights, with the Functions host\'s.')
param otlpEndpoint string = ''

@minValue(40)
@maxValue(1000)
@description('Most instances the app scales out to.')
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
@description('Memory per instance in MB.')
param instanceMemoryMB int = 2048

param resourceGroupName string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}assist-${resourceToken}'
// Flex Consumption reads the deployed package from this container, through the app's identity.
var deploymentContainerName = 'app-package-${take(resourceToken, 12)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    appIdentityName: '${abbrs.managedIdentityUserAssignedIdentities}assist-${resourceToken}'
  }
}

module storage 'storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
  }
}

module rbac 'rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appIdentityPrincipalId: identity.outputs.appPrincipalId
    userPrincipalId: principalId
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appIdentityId: identity.outputs.appIdentityId
    appIdentityClientId: identity.outputs.appClientId
    entraClientId: entraClientId
    entraTenantId: !empty(entraTenantId) ? entraTenantId : tenant().tenantId
    otlpEndpoint: otlpEndpoint
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host reads its storage through the identity at first start: grant the roles first.
  dependsOn: [rbac]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output SERVICE_API_NAME string = functions.outputs.name
output SERVICE_API_URI string = functions.outputs.uri
// The two Web redirect URIs to add to the app registration (README: Deploy to Azure).
output ASSIST_SIGN_IN_REDIRECT_URI string = '${functions.outputs.uri}/signin-oidc'
output ASSIST_SIGN_OUT_REDIRECT_URI string = '${functions.outputs.uri}/signout-callback-oidc'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
