namespace Pactwerk.Web.Data;

/// <summary>
/// Marks an entity whose rows decide whether a session holds and what its reader may do: the account
/// (security stamp, lock, two-factor), its role assignments, and the regions and memberships a regional
/// role covers. A committed write to one drops every account held in memory (<c>AccessMemo</c>, evicted by
/// <c>MonitorCacheEviction</c>), on every instance. It lives beside the database context so the regions
/// area can carry it without naming accounts.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class DecidesAccessAttribute : Attribute;
