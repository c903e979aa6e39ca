// Every role assignment, in one place. The app identity is both the Functions host's identity (its own
// state in AzureWebJobsStorage, the deployed package) and Assist's (tables, attachments, queues, and the Durable Task
// hub of its ticket orchestrations: control and work-item queues, History and Instances tables, lease blobs).
param storageAccountName string
param applicationInsightsName string
param appIdentityPrincipalId string

@description('Object id of a person who also gets data access (support, azd deploy); empty for none.')
param userPrincipalId string = ''

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
// The Durable Task hub on the Azure Storage provider, reached through identity-based AzureWebJobsStorage, needs Storage
// Queue Data Contributor (control and work-item queues), Storage Table Data Contributor (History and Instances tables)
// and Storage Blob Data Contributor (partition leases, large messages), per Microsoft's "Configure Durable Functions
// with managed identity". Blob Data Owner stands in for Blob Data Contributor: the Functions host itself needs Owner
// for identity-based AzureWebJobsStorage (timer locks, host keys, the package container), and Owner includes every
// permission Contributor grants.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

var storageRoleIds = [storageBlobDataOwnerRoleId, storageTableDataContributorRoleId, storageQueueDataContributorRoleId]

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in storageRoleIds: {
  name: guid(storageAccount.id, appIdentityPrincipalId, roleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: appIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

resource appMonitoringRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appIdentityPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: appIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource userStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in storageRoleIds: if (!empty(userPrincipalId)) {
  name: guid(storageAccount.id, userPrincipalId, roleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: userPrincipalId
    principalType: 'User'
  }
}]
