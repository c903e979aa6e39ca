// The app's user-assigned identity: it reaches Storage and Application Insights (roles in rbac.bicep), so no key or
// connection string exists anywhere.
param location string
param tags object = {}
param appIdentityName string

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: appIdentityName
  location: location
  tags: tags
}

output appIdentityId string = appIdentity.id
output appClientId string = appIdentity.properties.clientId
output appPrincipalId string = appIdentity.properties.principalId
