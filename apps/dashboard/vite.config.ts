// Vite build of the dashboard: React + Tailwind, protocol resolved from its TypeScript source.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The studio the dev server proxies to; STUDIO_URL overrides it (e.g. a second studio on another port).
const studio = process.env.STUDIO_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    conditions: ['@mcp-studio/source', ...defaultClientConditions],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': studio,
      '/ws': { target: studio, ws: true },
      '/docs': studio,
      '/health': studio,
      '/ready': studio,
    },
  },
});
