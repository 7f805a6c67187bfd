using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Snapshots;
using Snapshots.Functions;
using Snapshots.Web;

var builder = FunctionsApplication.CreateBuilder(args);
// HTTP functions get ASP.NET Core's HttpContext: the web face's endpoints run on it unchanged (see WebFace).
builder.ConfigureFunctionsWebApplication();

// The same registration the `snapshots` command uses: storage clients (AzureWebJobsStorage connection
// string, or AzureWebJobsStorage__accountName with a managed identity), fetching, email and the six handlers.
builder.Services.AddSnapshots(builder.Configuration);
builder.Services.AddSnapshotsWebFace(builder.Configuration);

// Worker telemetry goes to Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING; in Azure,
// authenticated with the app's managed identity through APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.Services.KeepInformationLogs();

builder.Build().Run();
