using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Shared;

/// <summary>
/// Binds every decimal, double and float a page binds (nullable or not) by <see cref="TypedNumber"/>, in place of the
/// framework's binders, which allow a group separator anywhere (Dutch "1.5" became 15). Registered once, before the
/// framework's own providers (in <see cref="WebModule"/>), so no page can bind a number another way.
/// </summary>
public sealed class TypedNumberBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(decimal) || type == typeof(double) || type == typeof(float) ? new TypedNumberBinder(type) : null;
    }
}

/// <summary>A number that could not be read, with the message that says why; <see cref="EditPageModel"/> shows it at the field.</summary>
/// <remarks>Not a FormatException: ModelState would replace the message of one by the framework's generic sentence.</remarks>
public sealed class UnreadableNumberException(string message) : Exception(message);

public sealed class TypedNumberBinder(Type type) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None)
            return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            // Empty is no value: null for a nullable number; a number that must have one says so, as the framework does.
            if (context.ModelMetadata.IsReferenceOrNullableType)
                context.Result = ModelBindingResult.Success(null);
            else
                context.ModelState.TryAddModelError(context.ModelName, context.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(text ?? ""));
            return Task.CompletedTask;
        }
        // The culture the request localisation chose (a form value is typed in the reader's language).
        var value = TypedNumber.Read(text, CultureInfo.CurrentCulture, out var refusal);
        if (value is not { } number)
        {
            var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            context.ModelState.TryAddModelError(context.ModelName, new UnreadableNumberException(refusal!.In(t)), context.ModelMetadata);
            return Task.CompletedTask;
        }
        context.Result = ModelBindingResult.Success(type == typeof(decimal) ? number : type == typeof(double) ? (double)number : (object)(float)number);
        return Task.CompletedTask;
    }
}
