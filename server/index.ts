import { ConfigError, loadConfig } from "./config.js";
import { MigrationError } from "./db/migrate.js";
import { startSiar } from "./server.js";

// The command-line entry point: turns start-up failures into a clear message and exit code 1.
try {
  const siar = await startSiar(loadConfig());
  const stop = async (signal: string) => {
    siar.services.logger.info({ signal }, "shutting down");
    await siar.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Siar cannot start. ${error.message}`);
  } else if (error instanceof MigrationError) {
    console.error(
      `Siar cannot start: ${error.message}\nThe database was left as it was before this migration. Fix the cause and start again.`,
    );
  } else if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(
      `Siar cannot start: port ${(error as { port?: number }).port} is already in use. Stop the other program or set PORT.`,
    );
  } else {
    console.error("Siar cannot start:", error);
  }
  process.exit(1);
}
