// Starts the Scalar API reference from a file, so the page needs no inline script under our CSP.
import { initialize } from '/scalar/scalar.aspnetcore.js';

initialize('%2Fscalar', false, {
    _integration: 'dotnet',
    withDefaultFonts: false,
    sources: [{ title: 'Pactwerk API v1', url: '/openapi/v1.json' }],
}, '');
