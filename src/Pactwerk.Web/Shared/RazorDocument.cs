using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Pactwerk.Web.Shared;

/// <summary>
/// Renders a Razor view to a string in-process, in a chosen language: a document (an edition to be printed as PDF) is written
/// with the same views, localiser and number formats as the pages, without a round trip through the server's own port.
/// </summary>
public sealed class RazorDocument(IRazorViewEngine engine, ITempDataProvider tempData)
{
    /// <param name="viewPath">The view's path from the project root, e.g. <c>/Features/Monitor/Editions/_EditionPdf.cshtml</c>.</param>
    public async Task<string> RenderAsync<TModel>(HttpContext http, string viewPath, TModel model, CultureInfo culture)
    {
        var found = engine.GetView(executingFilePath: null, viewPath, isMainPage: true);
        if (!found.Success)
            throw new InvalidOperationException($"The view {viewPath} was not found.");
        var (uiCulture, formatCulture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        // The document's language, whatever the reader's: the stored file is the same for everyone who asks for this language.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        try
        {
            await using var writer = new StringWriter(CultureInfo.InvariantCulture);
            var context = new ViewContext(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()), found.View,
                new ViewDataDictionary<TModel>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model },
                new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
            await found.View.RenderAsync(context);
            return writer.ToString();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (uiCulture, formatCulture);
        }
    }
}
