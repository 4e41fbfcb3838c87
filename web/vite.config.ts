import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = import.meta.dirname;
const server = "http://localhost:3000";

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes a brotli (.br, best quality) and a gzip (.gz) copy beside every compressible file of the
 * build, once, so the server sends them without compressing anything per request
 * (server/routes/staffApp.ts). A few lines of node:zlib rather than a plugin package.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "siar-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of fs.readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        const file = path.join(entry.parentPath, entry.name);
        if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
        const content = fs.readFileSync(file);
        if (content.length < MIN_BYTES) continue;
        fs.writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        fs.writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  // The server serves the built app under /app and keeps / for the public website.
  base: "/app/",
  plugins: [react(), precompress()],
  resolve: { tsconfigPaths: true },
  build: { outDir: path.join(webRoot, "dist"), emptyOutDir: true },
  server: {
    port: 5173,
    // The composer imports the server's channel rules (server/channels/rules.ts) from outside web/.
    fs: { allow: [".."] },
    proxy: {
      "/api": server,
      "/socket.io": { target: server, ws: true },
      "/healthz": server,
      "/readyz": server,
    },
  },
});
