using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Network;

/// <summary>The network: organisations, people and their roles in a pact, and the signatories.</summary>
public static class NetworkModule
{
    public static IHostApplicationBuilder AddNetwork(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<OrganisationDirectory>();
        services.AddScoped<OrganisationEditor>();
        services.AddScoped<PactNetworkEditor>();
        services.AddScoped<PersonEditor>();
        services.AddScoped<SharedRecords>();
        services.AddScoped<ProposalDesk>();
        services.Configure<OrganisationImportOptions>(builder.Configuration.GetSection(OrganisationImportOptions.Section));
        services.AddScoped<OrganisationImport>();
        // One form for a new organisation or person and for a change to one.
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Network/Organisations/EditOrganisation", "organisaties/nieuw");
            o.Conventions.AddPageRoute("/Network/People/EditPerson", "personen/nieuw");
        });
        return builder;
    }

    public static WebApplication MapNetwork(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapPeopleApi();
        api.MapNetworkApi();
        api.MapOrganisationTransferApi();
        api.MapProposalsApi();
        api.MapNetworkLookupApi();
        return app;
    }
}
