#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_HASH_COST, HASH_COST_RANGE } from './secrets.js';
import { SeedError } from './seed.js';
import { startSimulator } from './server.js';

const usage = `Usage: okta-authn-sim [--port 4000] [--host 127.0.0.1] [--api-token TOKEN] [--seed file.json]
                      [--dev-controls] [--trusted-origin http://localhost:3000 ...] [--hash-cost 4]

Starts an Okta-compatible org (Classic Authentication API, sessions, management subset).
Prints the org URL on the first line. The API token can also come from OKTA_AUTHN_SIM_API_TOKEN.
--hash-cost is scrypt's log2 N for passwords and answers (${HASH_COST_RANGE.min}-${HASH_COST_RANGE.max}, default ${DEFAULT_HASH_COST}; 14 for a real org's latency).`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '4000' },
        host: { type: 'string' },
        'api-token': { type: 'string' },
        seed: { type: 'string' },
        'dev-controls': { type: 'boolean', default: false },
        'trusted-origin': { type: 'string', multiple: true },
        'hash-cost': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a number between 0 and 65535\n\n${usage}`);
    process.exit(2);
  }
  const hashCost = values['hash-cost'] === undefined ? undefined : Number(values['hash-cost']);
  if (hashCost !== undefined && (!Number.isInteger(hashCost) || hashCost < HASH_COST_RANGE.min || hashCost > HASH_COST_RANGE.max)) {
    console.error(`--hash-cost must be a whole number between ${HASH_COST_RANGE.min} and ${HASH_COST_RANGE.max}\n\n${usage}`);
    process.exit(2);
  }
  const apiToken = values['api-token'] ?? process.env.OKTA_AUTHN_SIM_API_TOKEN;
  try {
    const simulator = await startSimulator({
      port,
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(apiToken !== undefined ? { apiToken } : {}),
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      ...(values['trusted-origin'] !== undefined ? { trustedOrigins: values['trusted-origin'] } : {}),
      ...(hashCost !== undefined ? { hashCost } : {}),
      devControls: values['dev-controls'],
    });
    console.log(simulator.url);
    if (apiToken === undefined) console.log('Admin API token: random (pass --api-token or OKTA_AUTHN_SIM_API_TOKEN to choose one)');
    if (values['dev-controls']) console.log(`Dev controls: ${simulator.url}/__sim/outbox`);
    const stop = (): void => {
      simulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    if (error instanceof SeedError || error instanceof TypeError) console.error(error.message);
    else console.error(`okta-authn-sim: ${(error as Error).message}`);
    process.exit(1);
  }
}

void main();
