// The private network that joins the function app to the remote browser: one subnet for the Flex Consumption
// app's outbound traffic (VNet integration) and one for the Container Apps environment of the browser. Both
// subnets are delegated to Microsoft.App/environments, as Flex Consumption and workload-profile environments require.
param name string
param location string
param tags object = {}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: ['10.40.0.0/16'] }
    subnets: [
      {
        name: 'functions'
        properties: {
          addressPrefix: '10.40.0.0/24'
          delegations: [{ name: 'flex', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'browser'
        properties: {
          addressPrefix: '10.40.2.0/23'
          delegations: [{ name: 'containerapps', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
    ]
  }
}

output id string = vnet.id
output functionsSubnetId string = vnet.properties.subnets[0].id
output browserSubnetId string = vnet.properties.subnets[1].id
