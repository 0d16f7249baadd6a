using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// A signed-in reader's monitor page is not output-cached (it may show small cells), so what it reads from the database
/// is what it costs (issue 17). The indicators, data elements, regions and sets are held in memory and dropped with the
/// cache (<c>MonitorCatalogue</c>); what is left per request is the reader's own: the account, their rights, and the goals
/// of the region shown. Counted per request, by the request's path, so the app's background jobs do not count.
/// </summary>
public abstract class SignedInPageQueriesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Marker = "X-Count-Commands";

    /// <summary>Every command a request marked with <see cref="Marker"/> sends, by the marker's value.</summary>
    private sealed class RequestCommands(IHttpContextAccessor http) : DbCommandInterceptor
    {
        public ConcurrentDictionary<string, ConcurrentQueue<string>> Seen { get; } = new();

        private void Note(DbCommand command)
        {
            if (http.HttpContext?.Request.Headers[Marker].ToString() is { Length: > 0 } mark)
                Seen.GetOrAdd(mark, _ => new()).Enqueue(command.CommandText);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Note(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Note(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Note(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken ct = default)
        {
            Note(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Note(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            Note(command);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>A reader signed in as lid@pactwerk.demo on an instance that counts each request's commands, reading one page.</summary>
    private sealed class CountedReader(WebApplicationFactory<Program> app, HttpClient client, RequestCommands commands, string page) : IDisposable
    {
        public IServiceProvider Services => app.Services;

        /// <summary>The page, and the commands its request sent, under <paramref name="mark"/>.</summary>
        public async Task<(string Html, List<string> Sql)> ReadAsync(string mark)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, page);
            request.Headers.Add(Marker, mark);
            var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadAsStringAsync(), commands.Seen.TryGetValue(mark, out var seen) ? [.. seen] : []);
        }

        public void Dispose() => app.Dispose();
    }

    private async Task<CountedReader> SignedInReaderAsync(string page)
    {
        var counted = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IInterceptor>(sp => new RequestCommands(sp.GetRequiredService<IHttpContextAccessor>()))));
        var commands = counted.Services.GetServices<IInterceptor>().OfType<RequestCommands>().Single();
        var reader = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await PostSignInAsync(reader, "lid@pactwerk.demo", DemoPassword)).StatusCode);
        // On PostgreSQL accounts are held once the instance listens to the others.
        var memo = counted.Services.GetRequiredService<Pactwerk.Web.Features.Accounts.AccessMemo>();
        await Waiting.UntilAsync(() => Task.FromResult(memo.Trusted));
        Assert.True(memo.Trusted, "The instance never began to hold accounts in memory.");
        return new CountedReader(counted, reader, commands, page);
    }

    [Fact]
    public async Task A_signed_in_indicator_page_reads_only_the_readers_own_rows_and_still_shows_a_rename_at_once()
    {
        using var counted = await SignedInReaderAsync("/monitor/indicatoren/hbo-aandeel-techniek?regio=PV21&indeling=provincies");
        await counted.ReadAsync("first");
        var (html, sql) = await counted.ReadAsync("warm");
        Assert.Contains("Fryslân", html);
        Assert.DoesNotContain("Fryslân (hernoemd)", html);
        // Before the catalogue this page sent 16 commands (the indicator with its versions four times, a region by code
        // twice, every region and set); then 3 (the account, the reader's rights, the goals shown). The goals are held in the
        // catalogue and the account with its rights in AccessMemo, so a warm page reads nothing.
        Assert.True(sql.Count == 0, $"{sql.Count} commands:\n" + string.Join("\n---\n", sql));

        // A rename through this app is written through EF, so it passes the eviction and the next page shows it.
        using (var scope = counted.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Pactwerk.Web.Data.PactwerkDb>();
            db.Regions.Single(r => r.Code == "PV21").Name = "Fryslân (hernoemd)";
            await db.SaveChangesAsync();
        }
        var renamed = await counted.ReadAsync("renamed");
        Assert.Contains("Fryslân (hernoemd)", renamed.Html);

        // Regions decide what a regional role covers, so the rename dropped the held account: read once more, then nothing.
        Assert.NotEmpty(renamed.Sql);
        Assert.Empty((await counted.ReadAsync("renamed, warm")).Sql);
    }

    [Fact]
    public async Task A_warm_signed_in_pact_monitor_home_reads_nothing_and_shows_a_new_key_indicator_at_once()
    {
        using var counted = await SignedInReaderAsync("/pact/techniekpact/monitor");

        await counted.ReadAsync("first");
        var (html, sql) = await counted.ReadAsync("warm");
        // The pact and its key indicators are held in the catalogue, beside the goals; the account and rights in AccessMemo.
        Assert.True(sql.Count == 0, $"{sql.Count} commands:\n" + string.Join("\n---\n", sql));

        // An indicator none of the pact's objectives is measured by yet, added to its first objective through EF: the
        // objective is shown on the monitor, so the commit drops the held key indicators and the next page has its card.
        string name;
        using (var scope = counted.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Pactwerk.Web.Data.PactwerkDb>();
            var pact = await db.Pacts.SingleAsync(p => p.Code == "techniekpact");
            var measured = await db.Objectives.Where(o => o.PactId == pact.Id).SelectMany(o => o.Indicators.Select(i => i.IndicatorId)).ToListAsync();
            var extra = await db.Indicators.Where(i => !measured.Contains(i.Id)).OrderBy(i => i.Id).FirstAsync();
            var objective = await db.Objectives.Include(o => o.Indicators).Where(o => o.PactId == pact.Id).OrderBy(o => o.Number).FirstAsync();
            objective.Indicators.Add(new Pactwerk.Web.Features.Agenda.ObjectiveIndicator { IndicatorId = extra.Id });
            await db.SaveChangesAsync();
            name = extra.Name;
        }
        Assert.DoesNotContain(name, html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(name), (await counted.ReadAsync("added")).Html);
    }
}

public sealed class SignedInPageQueriesSqlite(SqliteFactory factory) : SignedInPageQueriesTests<SqliteFactory>(factory);
public sealed class SignedInPageQueriesPostgres(PostgresFactory factory) : SignedInPageQueriesTests<PostgresFactory>(factory);
