// Measures the simulator: primary sign-ins per second and complete SMS-MFA flows per second.
// Usage: npm run bench [-- <sign-ins> <sms-flows>]   (defaults 200 and 100; bounded loops)
import { startSimulator } from '../dist/index.js';

const signIns = Number(process.argv[2] ?? 200);
const smsFlows = Number(process.argv[3] ?? 100);
const PASSWORD = 'Sim-Passw0rd!';

const sim = await startSimulator({
  port: 0,
  devControls: true,
  rateLimits: { authn: 1_000_000, sessions: 1_000_000, users: 1_000_000, perUsernamePerSecond: 1_000_000 },
});

async function post(path, body) {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${json.errorCode}`);
  return json;
}

try {
  let started = performance.now();
  for (let i = 0; i < signIns; i += 1) {
    const tx = await post('/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
    if (tx.status !== 'SUCCESS') throw new Error(`unexpected ${tx.status}`);
  }
  let seconds = (performance.now() - started) / 1000;
  console.log(`sign-ins (password only): ${signIns} in ${seconds.toFixed(2)} s = ${(signIns / seconds).toFixed(1)} /s`);

  started = performance.now();
  for (let i = 0; i < smsFlows; i += 1) {
    // One SMS per phone per 30 s: move the simulator's clock past the throttle between flows.
    sim.clock.advance(30_001);
    const required = await post('/api/v1/authn', { username: 'sms.mfa@example.test', password: PASSWORD });
    const factor = required._embedded.factors[0];
    const challenge = await post(`/api/v1/authn/factors/${factor.id}/verify`, { stateToken: required.stateToken });
    const outbox = await (await fetch(`${sim.url}/__sim/outbox?to=%2B15552024201`)).json();
    const passCode = outbox.at(-1).code;
    const done = await post(`/api/v1/authn/factors/${factor.id}/verify`, { stateToken: challenge.stateToken, passCode });
    if (done.status !== 'SUCCESS') throw new Error(`unexpected ${done.status}`);
    await post('/api/v1/sessions', { sessionToken: done.sessionToken });
  }
  seconds = (performance.now() - started) / 1000;
  console.log(`SMS-MFA flows (sign-in, challenge, outbox, verify, session): ${smsFlows} in ${seconds.toFixed(2)} s = ${(smsFlows / seconds).toFixed(1)} /s`);
} finally {
  await sim.close();
}
