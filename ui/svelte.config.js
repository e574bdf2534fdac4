// Component styles are written to the CSS file of the build, never injected inline (the CSP forbids that).
export default { compilerOptions: { css: 'external' } };
