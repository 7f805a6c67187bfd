// Key Vault (Azure RBAC, no access policies) holding the SendGrid API key, when one is given.
param name string
param location string
param tags object = {}

@secure()
@description('SendGrid API key; empty creates no secret (email then stays off until one is set).')
param sendGridApiKey string = ''

param sendGridSecretName string = 'sendgrid-api-key'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless, so a rotated key is picked up without redeploying.
output sendGridSecretUri string = sendGridSecret.?properties.secretUri ?? ''
