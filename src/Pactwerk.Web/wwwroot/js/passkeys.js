// Passkeys (WebAuthn) for the forms marked data-passkey="create" (add a passkey) or "get" (sign in with one).
// On submit the form first asks the server for the ceremony's options (its own handler, with the form's
// antiforgery token), lets the browser make or use the key, puts the browser's answer in the hidden
// data-passkey-credential field, and only then really submits. Without script, or in a browser without
// passkeys, the form is posted without an answer and the server says so.
(() => {
    'use strict';

    const supported = () => window.PublicKeyCredential
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

    const showError = (form, text) => {
        const box = document.querySelector('[data-passkey-error]');
        if (!box) return;
        box.textContent = text;
        box.hidden = false;
    };

    const ceremony = async form => {
        const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
        const response = await fetch(form.dataset.options, {
            method: 'POST',
            headers: { 'RequestVerificationToken': token },
            credentials: 'same-origin',
        });
        if (!response.ok) throw new Error('options ' + response.status);
        const options = await response.json();
        const credential = form.dataset.passkey === 'create'
            ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
            : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        return JSON.stringify(credential);
    };

    document.querySelectorAll('form[data-passkey]').forEach(form => {
        // The sign-in button is shown only where it can work.
        form.querySelectorAll('[data-passkey-only]').forEach(e => { e.hidden = !supported(); });
        form.addEventListener('submit', async event => {
            const field = form.querySelector('[data-passkey-credential]');
            if (field.value) return;
            event.preventDefault();
            if (!supported()) { showError(form, form.dataset.unsupported); return; }
            try {
                field.value = await ceremony(form);
                form.submit();
            } catch (e) {
                // NotAllowedError: the person cancelled, or no passkey of this site is on the device.
                showError(form, form.dataset.failed);
            }
        });
    });
})();
