// The Snapshots function app on Flex Consumption, running as the user-assigned identity: storage
// through AzureWebJobsStorage__accountName (no keys), telemetry through Entra ID, the SendGrid key
// through a Key Vault reference.
param name string
param location string
param tags object = {}

param planId string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string

@description('Versionless Key Vault secret URI of the SendGrid API key; empty leaves SendGrid__ApiKey unset.')
param sendGridSecretUri string = ''

@description('Versionless Key Vault secret URI of the web signing key; empty leaves Web__SigningKey unset (a key kept in storage is used).')
param webSigningKeySecretUri string = ''

@description('Versionless Key Vault secret URI of the transparency log\'s Ed25519 key; empty leaves Log__SigningKey unset (no checkpoint is signed).')
param logSigningKeySecretUri string = ''

@description('Six-field NCRONTAB schedule of SequenceLog.')
param logSchedule string = '30 */5 * * * *'

@description('Log__Origin: the transparency log\'s name on its checkpoints.')
param logOrigin string = 'snapshots.local/log'

@description('Public address of the web face for emails and citations; empty: https://<default host name>.')
param publicBaseUrl string = ''

@description('Six-field NCRONTAB schedule of ScheduleCaptures.')
param captureSchedule string
@description('Six-field NCRONTAB schedule of ScheduleDigests.')
param digestSchedule string
@description('Six-field NCRONTAB schedule of RedriveParked.')
param redriveSchedule string
param sendGridFromEmail string
param sendGridFromName string
param sendGridAlertsUnsubscribeGroupId string
param sendGridDigestsUnsubscribeGroupId string

@description('Fetch__Browser__Endpoint: the remote browser of scripted pages (ws://...); empty leaves it unset.')
param browserEndpoint string = ''
@description('Subnet of the app\'s outbound traffic (VNet integration), to reach the browser; empty: none.')
param subnetId string = ''
@description('RFC 3161 time-stamp authorities: every one stamps every new version (long-term timestamps); empty: no trusted timestamps. Tokens are checked against the operating system\'s root certificates (no Evidence__TrustAnchors set).')
param timestampAuthorities array = []
@description('RENEW_SCHEDULE: when long-term timestamps are renewed before their certificates expire.')
param renewSchedule string = '0 30 3 * * *'
@description('Evidence__RenewalMargin in days.')
param timestampRenewalMarginDays int = 90
@description('Wayback__Enabled: Save Page Now captures of new versions.')
param enableWayback bool = false
param waybackAccessKey string = ''
@description('Key Vault URI of the Wayback secret key; empty: none.')
param waybackSecretUri string = ''
param waybackRequestsPerMinute int = 4

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var identitySettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  AZURE_CLIENT_ID: identityClientId
}

var pipelineSettings = {
  CAPTURE_SCHEDULE: captureSchedule
  DIGEST_SCHEDULE: digestSchedule
  REDRIVE_SCHEDULE: redriveSchedule
  LOG_SCHEDULE: logSchedule
  Log__Origin: logOrigin
  RENEW_SCHEDULE: renewSchedule
  Evidence__RenewalMargin: '${timestampRenewalMarginDays}.00:00:00'
  Wayback__Enabled: enableWayback ? 'true' : 'false'
  Wayback__AccessKey: waybackAccessKey
  Wayback__RequestsPerMinute: string(waybackRequestsPerMinute)
  Capture__Interval: '01:00:00'
  Capture__SpreadWindow: '00:10:00'
  Fetch__AllowPrivateNetworks: 'false'
  Fetch__PerHostRequestsPerMinute: '60'
  SendGrid__FromEmail: sendGridFromEmail
  SendGrid__FromName: sendGridFromName
  SendGrid__AlertsUnsubscribeGroupId: sendGridAlertsUnsubscribeGroupId
  SendGrid__DigestsUnsubscribeGroupId: sendGridDigestsUnsubscribeGroupId
}

var browserSettings = empty(browserEndpoint) ? {} : {
  Fetch__Browser__Endpoint: browserEndpoint
  // A replica woken from zero needs time to start: let the first connection wait for it.
  Fetch__Browser__StartTimeout: '00:02:00'
}

var timestampSettings = toObject(range(0, length(timestampAuthorities)), i => 'Evidence__TimestampAuthorities__${i}', i => timestampAuthorities[i])

var secretSettings = union(empty(sendGridSecretUri) ? {} : {
  SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})'
}, empty(waybackSecretUri) ? {} : {
  Wayback__SecretKey: '@Microsoft.KeyVault(SecretUri=${waybackSecretUri})'
}, empty(webSigningKeySecretUri) ? {} : {
  Web__SigningKey: '@Microsoft.KeyVault(SecretUri=${webSigningKeySecretUri})'
}, empty(logSigningKeySecretUri) ? {} : {
  Log__SigningKey: '@Microsoft.KeyVault(SecretUri=${logSigningKeySecretUri})'
})

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(pipelineSettings, browserSettings, timestampSettings, secretSettings, identitySettings, {
      // The web face (WebFace HTTP function, anonymous): the address its emails and citations point at.
      Web__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
    })
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
