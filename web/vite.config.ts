import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = import.meta.dirname;
const server = "http://localhost:3000";

export default defineConfig({
  root: webRoot,
  // The server serves the built app under /app and keeps / for the public website.
  base: "/app/",
  plugins: [react()],
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
