// The remote browser for scripted pages (declarations with executeClientScripts): Microsoft's Playwright image running
// `playwright run-server`, in a Container Apps environment injected into the private network with an internal load
// balancer, so it has no public address. It scales to zero when no page is being rendered; the function app reaches it
// over the network as ws://<app>.<environment domain>/ (Fetch__Browser__Endpoint), resolved by a private DNS zone.
// The Playwright version of the image and the server must match the Microsoft.Playwright package of the app.
param environmentName string
param appName string
param location string
param tags object = {}
param subnetId string
param virtualNetworkId string
param logAnalyticsName string

@description('Playwright version of the image and server: the Microsoft.Playwright version of src/Snapshots.')
param playwrightVersion string = '1.64.1'
@description('Replicas at most; each renders several pages at once.')
@minValue(1)
param maxReplicas int = 3

resource logs 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsName
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    vnetConfiguration: {
      internal: true
      infrastructureSubnetId: subnetId
    }
    workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }]
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource browser 'Microsoft.App/containerApps@2025-07-01' = {
  name: appName
  location: location
  tags: tags
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      ingress: {
        // "external" within an internal environment: reachable from the private network only, never from the internet.
        external: true
        targetPort: 3000
        transport: 'http'
        allowInsecure: true
      }
    }
    template: {
      containers: [
        {
          name: 'playwright'
          image: 'mcr.microsoft.com/playwright:v${playwrightVersion}-noble'
          command: ['/bin/sh', '-c', 'npx -y playwright@${playwrightVersion} run-server --port 3000 --host 0.0.0.0']
          resources: { cpu: json('1.0'), memory: '2Gi' }
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: maxReplicas
        rules: [{ name: 'sessions', http: { metadata: { concurrentRequests: '4' } } }]
      }
    }
  }
}

// The environment's domain resolves, inside the private network, to its internal load balancer.
module dns '../core/network/private-dns-zone.bicep' = {
  name: 'browser-dns'
  params: {
    zoneName: environment.properties.defaultDomain
    address: environment.properties.staticIp
    virtualNetworkId: virtualNetworkId
    tags: tags
  }
}

output endpoint string = 'ws://${browser.properties.configuration.ingress.fqdn}/'
