using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>
/// Stand-in: a host builder with the real one's public surface for hosting (it does not implement
/// IFunctionsWorkerApplicationBuilder: no middleware). A host built from it runs no functions.
/// </summary>
public class FunctionsApplicationBuilder : IHostApplicationBuilder
{
    private readonly HostApplicationBuilder _host;

    internal FunctionsApplicationBuilder(string[]? args) =>
        _host = new HostApplicationBuilder(new HostApplicationBuilderSettings { Args = args });

    public IDictionary<object, object> Properties => ((IHostApplicationBuilder)_host).Properties;

    IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;

    public ConfigurationManager Configuration => _host.Configuration;

    public IHostEnvironment Environment => _host.Environment;

    public ILoggingBuilder Logging => _host.Logging;

    public IMetricsBuilder Metrics => _host.Metrics;

    public IServiceCollection Services => _host.Services;

    public IHost Build() => _host.Build();

    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull => _host.ConfigureContainer(factory, configure);
}
