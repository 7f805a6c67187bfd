// What the person (or pipeline) running `azd up` may do with the data, so that the `snapshots` command can run
// against the deployed account (AzureWebJobsStorage__accountName + DefaultAzureCredential): read and write
// blobs, tables and queues. Nothing else: no keys, no control-plane rights beyond what they already have.
param principalId string
param storageAccountName string

@allowed(['ServicePrincipal', 'User', 'Group'])
param principalType string = 'User'

// Built-in role definition IDs (the same in every tenant).
var storageRoles = [
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor: never deletes more than the app can (soft delete and versioning stay on)
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, principalId, role)
    scope: storage
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]
