namespace Pactwerk.Web.Data;

/// <summary>
/// Marks an entity the public monitor shows (directly or through what it computes): a committed
/// write to it evicts the cached monitor pages (see <c>MonitorCacheEviction</c>). It lives beside the
/// database context, not in the monitor, so areas the monitor must not depend on can carry it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ShownOnMonitorAttribute : Attribute;
