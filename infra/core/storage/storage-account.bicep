// One storage account for everything: snapshot evidence (blobs), the ledger and subscribers (tables),
// the pipeline queues, the Functions host's own state and the Flex Consumption deployment package.
// No shared keys: every client authenticates with Microsoft Entra ID.
param name string
param location string
param tags object = {}

@description('Blob container for the app package that Flex Consumption deploys from.')
param deploymentContainerName string

@description('Days a deleted or overwritten snapshot blob (and a deleted container) can be recovered.')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 30

param snapshotsContainerName string = 'snapshots'
@description('Blob container of each version\'s alert as composed once for all its followers: a cache, not evidence (Email/VersionAlerts).')
param alertsContainerName string = 'alerts'
param tableNames array = ['documents', 'versions', 'subscribers', 'deliveries', 'observations', 'provisions', 'transparencylog', 'channels']
@description('Pipeline queues; each gets its "-poison" queue too (the Functions host moves a message there after maxDequeueCount failures).')
param queueNames array = ['capture', 'changes', 'emails', 'timestamps', 'wayback', 'channel-deliveries']

var allQueueNames = flatten(map(queueNames, queue => [queue, '${queue}-poison']))

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Evidence must survive operator error: soft delete for blobs and containers, and versioning so an
// overwritten snapshot keeps its earlier bytes.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
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

resource snapshots 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: snapshotsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource alerts 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: alertsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Versioning is account-wide: old app packages are not evidence, so their earlier versions expire. Composed alerts are
// needed only while a change is being sent to its followers (minutes; hours when the queue retries): they go after a week.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-old-app-packages'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${deploymentContainerName}/']
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: 7
                }
              }
            }
          }
        }
        {
          name: 'expire-composed-alerts'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${alertsContainerName}/']
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: 7
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: 7
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [deployment, alerts]
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queue in allQueueNames: {
    parent: queueService
    name: queue
  }
]

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output snapshotsContainerName string = snapshots.name
output deploymentContainerName string = deployment.name
