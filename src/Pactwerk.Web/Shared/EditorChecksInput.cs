using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Pactwerk.Web.Shared;

/// <summary>
/// What an <see cref="EditPageModel"/> binds is checked by its editor, the same rules as the API, not by the
/// binder's validation: its data annotations would only repeat the editor's messages (in another wording).
/// The binder still refuses what it cannot read, which the page then tells at the field.
/// </summary>
/// <remarks>Registered once (in <see cref="WebModule"/>): every edit page gets it by deriving from EditPageModel.</remarks>
public sealed class EditorChecksInput : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key is { MetadataKind: ModelMetadataKind.Property, ContainerType: { } page } && page.IsAssignableTo(typeof(EditPageModel)))
        {
            // A property the page binds: neither it nor anything inside it is validated by the binder.
            context.ValidationMetadata.ValidateChildren = false;
            context.ValidationMetadata.PropertyValidationFilter = Skip.Instance;
            context.ValidationMetadata.IsRequired = false;
        }
    }

    private sealed class Skip : Microsoft.AspNetCore.Mvc.ModelBinding.Validation.IPropertyValidationFilter
    {
        public static readonly Skip Instance = new();
        public bool ShouldValidateEntry(Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidationEntry entry, Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidationEntry parentEntry) => false;
    }
}
