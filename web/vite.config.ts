// The web client's build. Output goes to web/dist (index.html + hashed assets) so the API server can
// serve it on the same origin with an SPA fallback; in development Vite proxies the API to it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Read by scripts/report-size.ts to find the JavaScript a first visit loads.
    manifest: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false },
      '/dev': { target: apiTarget, changeOrigin: false },
      '/attachments': { target: apiTarget, changeOrigin: false },
    },
  },
});
