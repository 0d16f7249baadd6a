using QRCoder;

namespace Pactwerk.Web.Shared;

/// <summary>
/// A code as a QR code: inline SVG from QRCoder, drawn on the server, so a page needs no script or image request and the
/// code never leaves the page. Used for the voucher code the participant shows at the provider and for the check-in
/// code a class shows at the door of a workshop day.
/// </summary>
public static class QrSvg
{
    public static string Of(string text, int pixelsPerModule)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }
}
