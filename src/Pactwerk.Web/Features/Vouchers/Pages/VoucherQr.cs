using QRCoder;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// A voucher code as a QR code for the participant to show at the provider: inline SVG from QRCoder, drawn on the
/// server, so the page needs no script or image request and the code never leaves the page.
/// </summary>
public static class VoucherQr
{
    public static string Svg(string voucherCode)
    {
        using var data = QRCodeGenerator.GenerateQrCode(voucherCode, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(5);
    }
}
