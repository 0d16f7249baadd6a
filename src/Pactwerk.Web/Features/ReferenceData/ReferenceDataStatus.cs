namespace Pactwerk.Web.Features.ReferenceData;

public enum ReferenceDataState { Unknown, Loaded, Missing, Rejected }

/// <summary>What the start-up knows about the reference data, for the home page banner.</summary>
public sealed class ReferenceDataStatus
{
    public const string LoadCommand = "dotnet run --project src/Pactwerk.Web -- reference-data load --path <map of URL>";

    public ReferenceDataState State { get; private set; }
    public string? Detail { get; private set; }

    public void Set(ReferenceDataState state, string? detail = null) => (State, Detail) = (state, detail);
}
