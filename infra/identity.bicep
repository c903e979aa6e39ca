// Two user-assigned identities. The app identity reaches Storage and Application Insights (roles in
// rbac.bicep). The sign-in identity does one thing: it stands in for a client secret when App Service
// Authentication redeems Microsoft Entra sign-ins (a federated credential on the app registration trusts
// it), so no secret exists anywhere. Microsoft asks that this identity serve no other purpose.
param location string
param tags object = {}
param appIdentityName string
param signInIdentityName string

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: appIdentityName
  location: location
  tags: tags
}

resource signInIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: signInIdentityName
  location: location
  tags: tags
}

output appIdentityId string = appIdentity.id
output appClientId string = appIdentity.properties.clientId
output appPrincipalId string = appIdentity.properties.principalId
output signInIdentityId string = signInIdentity.id
output signInClientId string = signInIdentity.properties.clientId
output signInPrincipalId string = signInIdentity.properties.principalId
