// Vite build of the dashboard: React + Tailwind, protocol resolved from its TypeScript source.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

// The studio the dev server proxies to; STUDIO_URL overrides it (e.g. a second studio on another port).
const studio = process.env.STUDIO_URL ?? 'http://127.0.0.1:4000';

/**
 * @monaco-editor/loader falls back to a CDN copy of Monaco when it is not handed one. The dashboard always hands it
 * the bundled monaco-editor (modules/agent-servers/files/monacoSetup.ts), so the fallback address is blanked: the
 * built app holds no CDN URL and could never fetch code from one, even by mistake.
 */
function noMonacoCdn(): Plugin {
  return {
    name: 'no-monaco-cdn',
    enforce: 'pre',
    transform(code, id) {
      if (!/@monaco-editor[\\/]loader[\\/]/.test(id)) return null;
      return { code: code.replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/monaco-editor@[^'"]*/g, ''), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), noMonacoCdn()],
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
