/** Entry point for `npm start`: reads settings, starts the bot, stops cleanly on SIGTERM/SIGINT. */
import { ConfigError, configSecrets, loadConfig } from './config.js';
import { DatabaseInUseError, EXIT_DATABASE_IN_USE } from './db/instanceLock.js';
import { createLogger, redactSecrets } from './logger.js';
import { startRituals } from './server.js';
import { SlackTokenRejected } from './slack/tokenRejection.js';

/** sysexits.h EX_CONFIG: the settings are wrong; restarting will not help. */
const EX_CONFIG = 78;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, {
    format: config.logFormat,
    secrets: configSecrets(config),
  });
  let rituals;
  try {
    rituals = await startRituals({ config, logger });
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      logger.error(`Rituals cannot start: ${error.message}`);
      process.exit(EXIT_DATABASE_IN_USE);
    }
    if (error instanceof SlackTokenRejected) {
      // A wrong token is a settings problem like a missing one: same exit status, so supervisors stop retrying.
      logger.error(error.message);
      process.exit(EX_CONFIG);
    }
    logger.error(`Rituals could not start: ${redactSecrets(String((error as Error)?.message ?? error))}`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    const force = setTimeout(() => {
      logger.error(`still stopping after 10 s (${signal}); exiting anyway`);
      process.exit(1);
    }, 10_000);
    force.unref();
    // Fire and forget: both outcomes end the process in the handlers below.
    void rituals.stop(signal).then(
      () => process.exit(0),
      (error) => {
        logger.error('error while stopping', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
