using QRCoder;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// A check-in code as a QR code on the school's printable schedule: inline SVG drawn on the server from the code alone,
/// so the page needs no script or image request; a scanner app at the door types the code into the check-in field.
/// </summary>
public static class CheckInQr
{
    public static string Svg(string code)
    {
        using var data = QRCodeGenerator.GenerateQrCode(code, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
