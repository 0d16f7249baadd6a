// The menu button on small screens: shown only when this script runs, so without script the menu stays open.
document.addEventListener("DOMContentLoaded", () => {
    const nav = document.getElementById("hoofdmenu");
    const button = nav?.querySelector(".menu-button");
    const list = document.getElementById("hoofdmenu-lijst");
    if (!nav || !button || !list) return;
    button.hidden = false;
    nav.classList.add("has-menu-button");
    const setOpen = open => {
        button.setAttribute("aria-expanded", String(open));
        nav.classList.toggle("is-open", open);
    };
    button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
    nav.addEventListener("keydown", event => {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            button.focus();
        }
    });
});
