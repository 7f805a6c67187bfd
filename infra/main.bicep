// Snapshots on Azure: `azd up` provisions this, then deploys src/Snapshots.Functions as service "api".
// Everything is a local module (no registry modules), so it compiles offline: see infra/build.sh.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; also the seed of every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource; must offer Flex Consumption.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Six-field NCRONTAB schedule of capture checks (default: hourly, on the hour).')
param captureSchedule string = '0 0 * * * *'

@description('Six-field NCRONTAB schedule of the weekly digest (default: Mondays 07:00 UTC).')
param digestSchedule string = '0 0 7 * * 1'

@description('Six-field NCRONTAB schedule of the re-drive of parked (poison) messages (default: every 5 minutes).')
param redriveSchedule string = '0 */5 * * * *'

@description('Six-field NCRONTAB schedule of the transparency log\'s sequencer (default: every 5 minutes, at :30).')
param logSchedule string = '30 */5 * * * *'

@secure()
@description('Ed25519 key that signs the transparency log\'s checkpoints: base64 of a 32-byte seed (openssl rand -base64 32), stored in Key Vault. Empty: leaves are appended but no checkpoint is signed.')
param logSigningKey string = ''

@description('The transparency log\'s name on its checkpoints (origin line and key name), e.g. snapshots.example.org/log.')
param logOrigin string = 'snapshots.local/log'

@secure()
@description('Key that signs subscriber links (base64, 32+ bytes: openssl rand -base64 32), stored in Key Vault. Empty: the app keeps a random key in its storage account.')
param webSigningKey string = ''

@description('Public address of the web face, used in emails and citations. Empty: https://<function app host name>.')
param publicBaseUrl string = ''

@secure()
@description('SendGrid API key, stored in Key Vault. Empty: no email is sent until one is provided.')
param sendGridApiKey string = ''

@description('Sender address of alerts and digests (a verified SendGrid sender).')
param sendGridFromEmail string = ''

@description('Sender display name.')
param sendGridFromName string = 'Snapshots'

@description('SendGrid unsubscribe group of same-day alerts.')
param sendGridAlertsUnsubscribeGroupId string = ''

@description('SendGrid unsubscribe group of weekly digests.')
param sendGridDigestsUnsubscribeGroupId string = ''

@description('Object id of the principal running azd (azd passes it as AZURE_PRINCIPAL_ID): granted blob, table and queue data roles so that the snapshots command can run against this account. Empty: no operator roles.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
@description('Kind of principal of principalId (ServicePrincipal when azd runs in a pipeline).')
param principalType string = 'User'

@description('Provision the remote browser for scripted pages (executeClientScripts): a private network, the Playwright server on Container Apps (internal, scales to zero) and the app\'s VNet integration. False: scripted pages fail their checks, naming Fetch:Browser:Endpoint.')
param enableBrowser bool = true

@description('RFC 3161 time-stamp authorities, space-separated: every one stamps every new version (Evidence:TimestampAuthorities, long-term timestamps from independent authorities). Empty turns trusted timestamps off.')
param timestampAuthorities string = 'http://timestamp.digicert.com http://timestamp.sectigo.com'

@description('Six-field NCRONTAB schedule of the renewal of long-term timestamps before their certificates expire (default: daily at 03:30 UTC).')
param renewSchedule string = '0 30 3 * * *'

@description('Days before a token\'s certificates expire that its evidence is stamped again (Evidence:RenewalMargin).')
param timestampRenewalMarginDays int = 90

@description('Ask the Wayback Machine (Save Page Now 2) for a capture of every new version\'s page (Wayback:Enabled). Off by default.')
param enableWayback bool = false

@description('Access key of the archive.org account used for Save Page Now (Wayback:AccessKey).')
param waybackAccessKey string = ''

@secure()
@description('Secret key of that account, stored in Key Vault (Wayback:SecretKey).')
param waybackSecretKey string = ''

@description('Save Page Now captures submitted per minute at most (Wayback:RequestsPerMinute).')
param waybackRequestsPerMinute int = 4

@description('Days a deleted or overwritten snapshot can be recovered.')
param snapshotSoftDeleteDays int = 30

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-snapshots-${token}'
var deploymentContainerName = 'app-package-${token}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-snapshots-${token}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stsnap${token}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    softDeleteDays: snapshotSoftDeleteDays
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-snapshots-${token}'
    applicationInsightsName: 'appi-snapshots-${token}'
    location: location
    tags: tags
  }
}

module vault 'core/security/key-vault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-snap-${token}'
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
    webSigningKey: webSigningKey
    logSigningKey: logSigningKey
    waybackSecretKey: waybackSecretKey
  }
}

module roles 'core/security/role-assignments.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: vault.outputs.name
  }
}

module operatorRoles 'core/security/operator-storage-roles.bicep' = if (!empty(principalId)) {
  name: 'operator-roles'
  scope: rg
  params: {
    principalId: principalId
    principalType: principalType
    storageAccountName: storage.outputs.name
  }
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: 'plan-snapshots-${token}'
    location: location
    tags: tags
  }
}

module network 'core/network/virtual-network.bicep' = if (enableBrowser) {
  name: 'network'
  scope: rg
  params: {
    name: 'vnet-snapshots-${token}'
    location: location
    tags: tags
  }
}

module browser 'app/browser.bicep' = if (enableBrowser) {
  name: 'browser'
  scope: rg
  params: {
    environmentName: 'cae-snapshots-${token}'
    appName: 'ca-browser-${token}'
    location: location
    tags: tags
    subnetId: network!.outputs.browserSubnetId
    virtualNetworkId: network!.outputs.id
    logAnalyticsName: monitoring.outputs.logAnalyticsName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    sendGridSecretUri: vault.outputs.sendGridSecretUri
    webSigningKeySecretUri: vault.outputs.webSigningKeySecretUri
    logSigningKeySecretUri: vault.outputs.logSigningKeySecretUri
    logSchedule: logSchedule
    logOrigin: logOrigin
    publicBaseUrl: publicBaseUrl
    captureSchedule: captureSchedule
    digestSchedule: digestSchedule
    redriveSchedule: redriveSchedule
    sendGridFromEmail: sendGridFromEmail
    sendGridFromName: sendGridFromName
    sendGridAlertsUnsubscribeGroupId: sendGridAlertsUnsubscribeGroupId
    sendGridDigestsUnsubscribeGroupId: sendGridDigestsUnsubscribeGroupId
    browserEndpoint: enableBrowser ? browser!.outputs.endpoint : ''
    subnetId: enableBrowser ? network!.outputs.functionsSubnetId : ''
    timestampAuthorities: filter(split(timestampAuthorities, ' '), url => !empty(url))
    renewSchedule: renewSchedule
    timestampRenewalMarginDays: timestampRenewalMarginDays
    enableWayback: enableWayback
    waybackAccessKey: waybackAccessKey
    waybackSecretUri: vault.outputs.waybackSecretUri
    waybackRequestsPerMinute: waybackRequestsPerMinute
  }
  // The host must be able to read its package, storage and secrets before it first starts.
  dependsOn: [roles]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
