import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// npm scripts run at the package root, so `root` is relative to it; the build lands in dist/web,
// which the Fastify app serves (src/http/web.ts).
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development, with the API on its usual port.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/r': 'http://127.0.0.1:3000',
      '/docs': 'http://127.0.0.1:3000',
    },
  },
});
