// A form that came back with errors: move the focus to its summary, so a keyboard or screen-reader user
// hears what went wrong first and can follow its links to the fields.
document.addEventListener("DOMContentLoaded", () => {
    document.querySelector("[data-error-summary]")?.focus();
});
