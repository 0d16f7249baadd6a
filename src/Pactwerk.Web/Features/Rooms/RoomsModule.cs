namespace Pactwerk.Web.Features.Rooms;

/// <summary>Shared technology rooms (technieklokalen): rooms with their owner's rules, bookings without double booking, and their utilisation.</summary>
public static class RoomsModule
{
    public static IHostApplicationBuilder AddRooms(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<Pactwerk.Web.Shared.SqliteWriteGate<RoomBookings>>();
        services.AddScoped<RoomEditor>();
        services.AddScoped<RoomBookings>();
        services.AddScoped<RoomUtilisationQueries>();
        services.AddScoped<RoomMonitorFeed>();
        services.Configure<RoomMonitorFeedOptions>(builder.Configuration.GetSection("Rooms:MonitorFeed"));
        services.AddHostedService<RoomMonitorFeedWorker>();
        return builder;
    }

    public static WebApplication MapRooms(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapRoomsApi();
        api.MapRoomBookingsApi();
        api.MapRoomUtilisationApi();
        return app;
    }
}
