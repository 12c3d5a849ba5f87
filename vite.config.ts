import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline <script>: the server's Content-Security-Policy allows only script-src 'self'.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': {
        target: apiTarget,
        // The server refuses state-changing requests whose Origin is not its own public URL
        // (CSRF protection). The dev server is another origin, so present the API's own.
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq) => {
            if (proxyReq.getHeader('origin')) proxyReq.setHeader('origin', apiTarget);
          });
        },
      },
    },
  },
});
