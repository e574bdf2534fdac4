import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// Served by Basalt at /_/; hashed files under assets/ are cached for a year, index.html revalidated.
export default defineConfig({
  base: '/_/',
  plugins: [svelte()],
  // `npm run dev -w ui`: the API calls go to a Basalt started with `npm start`
  server: { proxy: { '/api': 'http://127.0.0.1:8090' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the preload helper would otherwise be inlined into index.html, which the CSP forbids
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
});
