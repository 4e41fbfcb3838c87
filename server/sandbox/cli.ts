/**
 * Runs the sandbox on its own, e.g. for demos or manual testing:
 *   SANDBOX_CONTROL_TOKEN=secret SANDBOX_PORT=4010 npx tsx server/sandbox/cli.ts
 * Prints the base URL and the seeded credentials.
 */
import { assertSandboxAllowed, startSandbox } from "./index";

assertSandboxAllowed({ nodeEnv: process.env.NODE_ENV, enabled: process.env.SANDBOX_ENABLED === "true" });
const controlToken = process.env.SANDBOX_CONTROL_TOKEN;
if (!controlToken) throw new Error("Set SANDBOX_CONTROL_TOKEN");

const sandbox = await startSandbox({
  port: Number(process.env.SANDBOX_PORT ?? 0),
  seed: Number(process.env.SANDBOX_SEED ?? 1),
  controlToken,
  ...(process.env.SANDBOX_WEBHOOK_APP_SECRET && process.env.SANDBOX_WEBHOOK_VERIFY_TOKEN
    ? {
        webhook: {
          callbackUrl: process.env.SANDBOX_WEBHOOK_CALLBACK_URL,
          appSecret: process.env.SANDBOX_WEBHOOK_APP_SECRET,
          verifyToken: process.env.SANDBOX_WEBHOOK_VERIFY_TOKEN,
        },
      }
    : {}),
});
console.log(JSON.stringify({ url: sandbox.url, credentials: sandbox.credentials }, null, 2));

const stop = () => void sandbox.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
