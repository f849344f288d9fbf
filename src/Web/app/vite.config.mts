// Builds the reference web app into ../wwwroot (index.html and assets/), which the server serves at /.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: '../wwwroot',
    emptyOutDir: false,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    // hls.js (about 580 kB, 180 kB gzip) is its own chunk, loaded only by the watch page.
    chunkSizeWarningLimit: 600,
  },
});
