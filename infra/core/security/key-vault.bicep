// Key Vault (Azure RBAC, no access policies) holding the SendGrid API key and the web signing key, when given.
param name string
param location string
param tags object = {}

@secure()
@description('SendGrid API key; empty creates no secret (email then stays off until one is set).')
param sendGridApiKey string = ''

param sendGridSecretName string = 'sendgrid-api-key'

@secure()
@description('Secret key of the archive.org account that asks the Wayback Machine for captures; empty creates no secret.')
param waybackSecretKey string = ''

@secure()
@description('HMAC key (base64, 32+ bytes) that signs subscriber links and form tokens; empty creates no secret (the app then keeps a random key in its storage account).')
param webSigningKey string = ''

param webSigningKeySecretName string = 'web-signing-key'

@secure()
@description('Ed25519 seed (base64, 32 bytes) that signs the transparency log\'s checkpoints; empty creates no secret (no checkpoint is signed).')
param logSigningKey string = ''

param logSigningKeySecretName string = 'log-signing-key'

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

resource waybackSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(waybackSecretKey)) {
  parent: vault
  name: 'wayback-secret-key'
  properties: {
    value: waybackSecretKey
  }
}

resource webSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(webSigningKey)) {
  parent: vault
  name: webSigningKeySecretName
  properties: {
    value: webSigningKey
    contentType: 'text/plain'
  }
}

resource logSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(logSigningKey)) {
  parent: vault
  name: logSigningKeySecretName
  properties: {
    value: logSigningKey
    contentType: 'text/plain'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless, so a rotated key is picked up without redeploying.
output sendGridSecretUri string = sendGridSecret.?properties.secretUri ?? ''
output waybackSecretUri string = waybackSecret.?properties.secretUri ?? ''
output webSigningKeySecretUri string = webSigningKeySecret.?properties.secretUri ?? ''
output logSigningKeySecretUri string = logSigningKeySecret.?properties.secretUri ?? ''
