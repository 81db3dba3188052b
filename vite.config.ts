// Builds the inspection screen (renderer/) into dist/renderer, loaded by the Electron window and
// served by the loopback host. Relative base: the page is loaded from file-like custom protocols
// and from the host root alike. Nothing is fetched from the network at build or run time.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Inline assets would become data: URLs, which the Content-Security-Policy forbids.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
