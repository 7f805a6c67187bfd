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

@description('Six-field NCRONTAB schedule of ScheduleCaptures.')
param captureSchedule string
@description('Six-field NCRONTAB schedule of ScheduleDigests.')
param digestSchedule string
param sendGridFromEmail string
param sendGridFromName string
param sendGridAlertsUnsubscribeGroupId string
param sendGridDigestsUnsubscribeGroupId string

@description('RFC 3161 time-stamp authorities tried in order for every new version; empty: no trusted timestamps. Tokens are checked against the operating system\'s root certificates (no Evidence__TrustAnchors set).')
param timestampAuthorities array = []

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
  Capture__Interval: '01:00:00'
  Capture__SpreadWindow: '00:10:00'
  Fetch__AllowPrivateNetworks: 'false'
  Fetch__PerHostRequestsPerMinute: '60'
  SendGrid__FromEmail: sendGridFromEmail
  SendGrid__FromName: sendGridFromName
  SendGrid__AlertsUnsubscribeGroupId: sendGridAlertsUnsubscribeGroupId
  SendGrid__DigestsUnsubscribeGroupId: sendGridDigestsUnsubscribeGroupId
}

var timestampSettings = toObject(range(0, length(timestampAuthorities)), i => 'Evidence__TimestampAuthorities__${i}', i => timestampAuthorities[i])

var secretSettings = empty(sendGridSecretUri) ? {} : {
  SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})'
}

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
    properties: union(pipelineSettings, timestampSettings, secretSettings, identitySettings)
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
