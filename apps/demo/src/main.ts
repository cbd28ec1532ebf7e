import { ConfigError, optionsFromEnv } from './config.js';
import { PortInUseError, startDemo } from './server.js';
import type { RunningDemo } from './server.js';
import { RedisConnectError } from './session-store.js';

/** `npm start`: reads the environment, starts the demo, prints its URL, and stops cleanly on Ctrl-C. */
async function main(): Promise<void> {
  let demo: RunningDemo;
  try {
    const options = optionsFromEnv(process.env);
    demo = await startDemo(options);
  } catch (error) {
    if (error instanceof PortInUseError) {
      const variable = error.which === 'site' ? 'PORT' : 'SIM_PORT';
      console.error(`okta-authn demo: port ${error.port} is already in use (${error.which === 'site' ? 'the site' : 'the embedded simulator'}).`);
      console.error(`Stop what is using it, or choose a free port: ${variable}=<port> npm start (0 picks any free port)`);
    } else if (error instanceof ConfigError || error instanceof RedisConnectError) {
      console.error(`okta-authn demo: ${error.message}`);
    } else {
      console.error(`okta-authn demo: could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
    return;
  }

  console.log(`okta-authn demo: ${demo.url}`);
  console.log(
    demo.simulator
      ? `  on the embedded Okta simulator (port ${demo.simulator.port}); every demo user's password is on the sign-in page. Ctrl-C stops both.`
      : `  on the Okta org ${new URL(demo.orgUrl).host}. Ctrl-C stops.`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error('okta-authn demo: stopping immediately.');
      process.exit(1);
    }
    stopping = true;
    console.log(`\nokta-authn demo: ${signal === 'SIGINT' ? 'Ctrl-C' : signal}, stopping…`);
    demo.close().then(
      () => {
        console.log('okta-authn demo: stopped.');
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error(`okta-authn demo: error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
