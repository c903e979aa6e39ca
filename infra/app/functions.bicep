// The function app: a Flex Consumption plan (Linux) running Assist as a custom handler, with App Service
// Authentication (Microsoft Entra ID) in front. Every setting that reaches storage or telemetry names an
// identity, never a key.
param location string
param tags object = {}
param name string
param planName string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param appIdentityId string
param appIdentityClientId string
param signInIdentityId string
param signInIdentityClientId string
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
  // The Functions host's own storage, through the app identity.
  { name: 'AzureWebJobsStorage__accountName', value: storageAccount.name }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: appIdentityClientId }
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
  // The app trusts X-MS-CLIENT-PRINCIPAL only in this mode, which is only set where authsettingsV2 is on.
  { name: 'Auth__Mode', value: 'EasyAuth' }
  // Sign-in redeems codes with the sign-in identity's federated credential instead of a client secret.
  { name: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID', value: signInIdentityClientId }
  // Tokens from other tenants are refused by the platform before they reach the app.
  { name: 'WEBSITE_AUTH_AAD_ALLOWED_TENANTS', value: entraTenantId }
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
      '${signInIdentityId}': {}
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
      // Flex Consumption takes the worker runtime here, not from FUNCTIONS_WORKER_RUNTIME: a custom handler.
      runtime: {
        name: 'custom'
        version: '1.0'
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

// App Service Authentication with Microsoft Entra ID. Unauthenticated requests pass through: the public
// enterprise form and ticket tracking need no account, and the app decides per endpoint who may do what.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
          clientId: entraClientId
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
    login: {
      // The token store keeps files under /home, which Flex Consumption instances do not share; sessions
      // live in the platform's encrypted cookie instead.
      tokenStore: {
        enabled: false
      }
      preserveUrlFragmentsForLogins: true
      cookieExpiration: {
        convention: 'FixedTime'
        timeToExpiration: '08:00:00'
      }
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
