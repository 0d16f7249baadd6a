// Search-as-you-type pickers: the WAI-ARIA APG combobox with a listbox (list autocomplete).
// The server renders a working select or text field inside [data-picker]; this script replaces it with
// a combobox and posts hidden fields with the same name and values that control would have posted
// (one field per value for a select, one comma-separated field for a text field), so the page's
// handler reads the form the same way with or without script.
(() => {
    "use strict";
    let counter = 0;

    const format = (text, value) => text.replace("{0}", value);

    function enhance(root) {
        const original = root.querySelector("select, input");
        if (!original) return;
        const multiple = root.dataset.multiple === "true";
        const fromSelect = original.tagName === "SELECT";
        const name = original.name;
        const id = original.id;
        const emptyValue = root.dataset.emptyValue ?? "";
        const msg = root.dataset;
        let chosen = JSON.parse(root.dataset.chosen || "[]");
        // A single select that shows its empty option has nothing chosen.
        if (!multiple && fromSelect && chosen.length === 1 && chosen[0].value === emptyValue) chosen = [];

        const listId = `${id}-listbox`;
        const input = document.createElement("input");
        input.type = "text";
        input.id = id;
        input.autocomplete = "off";
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        for (const attribute of ["aria-describedby", "aria-invalid", "required"]) {
            if (original.hasAttribute(attribute) && !(attribute === "required" && multiple)) input.setAttribute(attribute, original.getAttribute(attribute));
        }

        const listbox = document.createElement("ul");
        listbox.id = listId;
        listbox.className = "picker-listbox";
        listbox.setAttribute("role", "listbox");
        const label = root.querySelector("label");
        if (label) {
            label.id ||= `${id}-label`;
            listbox.setAttribute("aria-labelledby", label.id);
        }
        listbox.hidden = true;

        // A polite live region without role=status: the page's own status messages stay the only "status" there is.
        const status = document.createElement("p");
        status.className = "visually-hidden picker-status";
        status.setAttribute("aria-live", "polite");
        status.setAttribute("aria-atomic", "true");

        const chips = document.createElement("ul");
        chips.className = "picker-chosen";
        chips.setAttribute("aria-label", msg.msgChosen);

        const hidden = document.createElement("div");
        original.replaceWith(input);
        if (multiple) input.before(chips);
        input.after(listbox, status, hidden);

        let options = [];
        let active = -1;
        let timer = 0;
        let request = null;

        function writeHidden() {
            hidden.replaceChildren();
            const add = value => {
                const field = document.createElement("input");
                field.type = "hidden";
                field.name = name;
                field.value = value;
                hidden.append(field);
            };
            if (multiple) {
                if (fromSelect) chosen.forEach(c => add(c.value));
                else add(chosen.map(c => c.value).join(", "));
            } else if (chosen.length === 1) {
                add(chosen[0].value);
            } else if (!fromSelect && input.value.trim() !== "") {
                // Typed but not picked: the server reads codes and names as it does without script, and says what it cannot.
                add(input.value.trim());
            } else {
                add(emptyValue);
            }
        }

        function renderChips() {
            chips.replaceChildren();
            chosen.forEach((c, index) => {
                const item = document.createElement("li");
                const button = document.createElement("button");
                button.type = "button";
                button.textContent = c.label;
                button.setAttribute("aria-label", format(msg.msgRemove, c.label));
                button.addEventListener("click", () => {
                    chosen.splice(index, 1);
                    renderChips();
                    writeHidden();
                    input.focus();
                });
                item.append(button);
                chips.append(item);
            });
            chips.hidden = chosen.length === 0;
        }

        function close() {
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            const items = listbox.children;
            if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
            active = index;
            if (active >= 0 && items[active]) {
                items[active].setAttribute("aria-selected", "true");
                input.setAttribute("aria-activedescendant", items[active].id);
                items[active].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function show(found) {
            const taken = new Set(multiple ? chosen.map(c => c.value.toLowerCase()) : []);
            options = found.filter(o => !taken.has(o.value.toLowerCase()));
            listbox.replaceChildren();
            options.forEach((o, index) => {
                const item = document.createElement("li");
                item.id = `${id}-option-${++counter}`;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                item.append(o.label);
                if (o.hint) {
                    const hint = document.createElement("span");
                    hint.className = "picker-hint";
                    hint.textContent = o.hint;
                    item.append(hint);
                }
                // mousedown would take the focus from the input before the click lands.
                item.addEventListener("mousedown", e => e.preventDefault());
                item.addEventListener("click", () => choose(index));
                listbox.append(item);
            });
            active = -1;
            input.removeAttribute("aria-activedescendant");
            listbox.hidden = options.length === 0;
            input.setAttribute("aria-expanded", options.length === 0 ? "false" : "true");
            status.textContent = options.length === 0 ? msg.msgNone : options.length === 1 ? msg.msgOne : format(msg.msgMany, options.length);
        }

        async function search() {
            request?.abort();
            request = new AbortController();
            const source = root.dataset.source;
            const url = `${source}${source.includes("?") ? "&" : "?"}q=${encodeURIComponent(input.value.trim())}`;
            try {
                const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: request.signal });
                if (!response.ok) return;
                show(await response.json());
            } catch (e) {
                if (e.name !== "AbortError") throw e;
            }
        }

        function choose(index) {
            const option = options[index];
            if (!option) return;
            if (multiple) {
                chosen.push({ value: option.value, label: option.label, hint: option.hint });
                input.value = "";
                renderChips();
            } else {
                chosen = [{ value: option.value, label: option.label, hint: option.hint }];
                input.value = option.label;
            }
            close();
            writeHidden();
            status.textContent = format(msg.msgAdded, option.label);
        }

        input.addEventListener("input", () => {
            if (!multiple) {
                chosen = [];
                writeHidden();
            }
            clearTimeout(timer);
            timer = setTimeout(search, 150);
        });
        input.addEventListener("keydown", e => {
            const open = !listbox.hidden;
            switch (e.key) {
                case "ArrowDown":
                    e.preventDefault();
                    if (!open) { search(); return; }
                    highlight(active + 1 >= options.length ? 0 : active + 1);
                    break;
                case "ArrowUp":
                    e.preventDefault();
                    if (!open) { search(); return; }
                    highlight(active <= 0 ? options.length - 1 : active - 1);
                    break;
                case "Enter":
                    // With the list open, Enter picks (the highlighted option, else the best match) instead of sending the form.
                    if (open && options.length > 0) {
                        e.preventDefault();
                        choose(active >= 0 ? active : 0);
                    }
                    break;
                case "Escape":
                    if (open) {
                        e.preventDefault();
                        close();
                    } else if (input.value !== "") {
                        e.preventDefault();
                        input.value = "";
                        if (!multiple) { chosen = []; writeHidden(); }
                    }
                    break;
                case "Tab":
                    if (open && active >= 0) choose(active);
                    else close();
                    break;
                case "Backspace":
                    if (multiple && input.value === "" && chosen.length > 0) {
                        chosen.pop();
                        renderChips();
                        writeHidden();
                    }
                    break;
            }
        });
        input.addEventListener("blur", () => {
            close();
            // A select only knows its options: text that was typed but not picked goes back to what is chosen.
            if (!multiple && fromSelect) input.value = chosen.length === 1 ? chosen[0].label : "";
        });

        // Text typed in a multiple picker but not picked is sent as typed, as the text field would: the server reads codes and names.
        input.form?.addEventListener("submit", () => {
            const typed = input.value.trim();
            if (multiple && !fromSelect && typed !== "") {
                chosen.push({ value: typed, label: typed });
                input.value = "";
                renderChips();
                writeHidden();
            }
        });

        if (!multiple && chosen.length === 1) input.value = chosen[0].label;
        else if (!multiple && !fromSelect) input.value = original.value;
        renderChips();
        writeHidden();
    }

    document.querySelectorAll("[data-picker]").forEach(enhance);
})();
