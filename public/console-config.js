// Run-time overrides; the local HTTP mock server replaces this file. See src/app/runtime-config.ts.
window.__CONSOLE_CONFIG__ = window.__CONSOLE_CONFIG__ || {};
