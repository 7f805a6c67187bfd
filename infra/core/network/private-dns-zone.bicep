// A private DNS zone whose every name (*) resolves to one address, linked to a virtual network.
param zoneName string
param address string
param virtualNetworkId string
param tags object = {}

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: zoneName
  location: 'global'
  tags: tags

  resource wildcard 'A' = {
    name: '*'
    properties: {
      ttl: 300
      aRecords: [{ ipv4Address: address }]
    }
  }

  resource link 'virtualNetworkLinks' = {
    name: 'browser-dns'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: { id: virtualNetworkId }
    }
  }
}
