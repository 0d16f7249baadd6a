namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>A funder's officer says the person left the funder's sector or employer on <see cref="LeftOn"/>.</summary>
public sealed record DepartureInput(string? Email, DateOnly? LeftOn);

/// <summary>What a departure did: the deposits that stop on the day before, and what of them expired at once (in euros).</summary>
public sealed record DepartureDto(long AccountId, IReadOnlyList<long> StoppedDeposits, decimal Expired);
