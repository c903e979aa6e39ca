// The one storage account: the Functions host's own state (AzureWebJobsStorage), the deployed package, and
// Assist's data (tables, attachment blobs, work queues). Reached only with Microsoft Entra identities:
// shared-key access (account keys, SAS signed with them) is switched off.
param location string
param tags object = {}
param name string
param deploymentContainerName string

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GZRS'])
param skuName string = 'Standard_ZRS'

@description('Tables the app uses. Its Table Data Contributor role also lets it create tables it adds later.')
param tableNames array = ['Tickets', 'DueTimers', 'Views', 'ReadModels', 'Counters', 'Directory', 'Audit', 'Webhooks']

@description('Queues the app uses.')
param queueNames array = ['outbox']

@description('Container that holds uploads until their ticket commits; anything left there is abandoned.')
param pendingUploadsContainerName string = 'uploads-pending'

@description('Days deleted blobs and containers can be restored.')
param softDeleteDays int = 7

var containerNames = [deploymentContainerName, 'attachments', pendingUploadsContainerName, 'data-protection']

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in containerNames: {
  parent: blobService
  name: container
  properties: {
    publicAccess: 'None'
  }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in queueNames: {
  parent: queueService
  name: queue
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tableNames: {
  parent: tableService
  name: table
}]

// An upload whose ticket never committed stays in the pending container; the daily lifecycle run deletes
// what is more than a day old there (soft delete still keeps it restorable for softDeleteDays).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-abandoned-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${pendingUploadsContainerName}/']
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 1
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [containers]
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
