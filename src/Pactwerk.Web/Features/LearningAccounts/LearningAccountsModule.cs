namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>Learning accounts (leerrekening): money for training that belongs to the person, paid in by several funders, on one ledger.</summary>
public static class LearningAccountsModule
{
    public static IHostApplicationBuilder AddLearningAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<LedgerGate>();
        services.AddScoped<LearningLedger>();
        return builder;
    }
}
