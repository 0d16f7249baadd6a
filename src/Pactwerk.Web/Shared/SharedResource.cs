// In the root namespace so its resources are Resources/SharedResource.<culture>.resx.
namespace Pactwerk.Web;

/// <summary>
/// Marker for the UI's texts. Keys are the Dutch texts themselves (Dutch is the default culture),
/// so only the English translation needs a resource file.
/// </summary>
public sealed class SharedResource;
