// Measures the simulator against its performance targets, on loopback only, with bounded loops:
// start-up with the default seed (a new CLI process until it has answered its first sign-in, with
// the time it printed its URL on the way, and the startSimulator() call alone, as a test file
// that has the modules loaded pays it), password
// sign-ins and complete SMS-MFA flows per second at concurrency 10, and seeding 10,000 users. The
// simulator runs in a child process (as the CLI or a test runner's global setup would), so the load
// generator does not share its event loop; each rate also shows the simulator's CPU time per
// operation, which says more than the rate on a machine busy with other work.
//
// Usage: npm run bench [-- --sign-ins 3000 --sms-flows 1500 --seed-users 10000 --profile DIR]
//   --profile DIR  writes a V8 CPU profile of each simulator child (node --cpu-prof) into DIR.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const PASSWORD = 'Sim-Passw0rd!';
const CONCURRENCY = 10;
const STARTUP_RUNS = 7;
const self = fileURLToPath(import.meta.url);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** The seed of the throughput runs: the default users plus one SMS user per flow, each with its own phone. */
function smsUser(index) {
  const phone = `+1555${String(index).padStart(7, '0')}`;
  return {
    profile: { login: `bench.sms.${index}@example.test`, email: `bench.sms.${index}@example.test`, firstName: 'Bench', lastName: `Sms${index}`, mobilePhone: phone },
    password: PASSWORD,
    policy: { mfa: 'required' },
    factors: [{ factorType: 'sms', phoneNumber: phone }],
  };
}

/** A seed of `count` users: plain ones, and every tenth with an SMS factor and required MFA. */
function bulkSeed(count) {
  const users = [];
  for (let index = 0; index < count; index += 1) {
    if (index % 10 === 0) users.push(smsUser(index));
    else users.push({ profile: { login: `bulk.${index}@example.test`, email: `bulk.${index}@example.test`, firstName: 'Bulk', lastName: `User${index}` }, password: PASSWORD });
  }
  return { users };
}

// Child mode: start a simulator, report {url, apiToken, startMs} on stdout, stop on stdin's end.
if (process.argv[2] === '--serve') {
  const { startSimulator, DEFAULT_SEED } = await import('../dist/index.js');
  const spec = JSON.parse(process.argv[3]);
  const seed =
    spec.seed === 'bulk'
      ? bulkSeed(spec.users)
      : { ...DEFAULT_SEED, users: [...DEFAULT_SEED.users, ...Array.from({ length: spec.users }, (_, index) => smsUser(index))] };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const sim = await startSimulator({
    port: 0,
    seed,
    devControls: true,
    rateLimits: { authn: 10_000_000, sessions: 10_000_000, users: 10_000_000, login: 10_000_000, perUsernamePerSecond: 10_000_000 },
  });
  const startMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const startCpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({ url: sim.url, apiToken: sim.apiToken, startMs, startCpuMs })}\n`);
  // Each line on stdin asks for the CPU time used so far; the end of stdin stops the simulator.
  const lines = createInterface({ input: process.stdin });
  lines.on('line', () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${(user + system) / 1000}\n`);
  });
  lines.on('close', () => void sim.close().then(() => process.exit(0)));
} else {
  await main();
}

function nodeArgs(profileDir) {
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
}

/** Starts a simulator child; resolves to its report and a stop function. */
function serve(spec, profileDir) {
  const child = spawn(process.execPath, [...nodeArgs(profileDir), self, '--serve', JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`simulator child exited with ${code}`)));
    void lines.next().then(({ value }) => {
      resolve({
        ...JSON.parse(value),
        /** CPU milliseconds the simulator process has used so far. */
        cpuMs: async () => {
          child.stdin.write('cpu\n');
          return Number((await lines.next()).value);
        },
        stop: () => (child.stdin.end(), exited),
      });
    }, reject);
  });
}

/** One sign-in of a default-seed user, on a connection of its own; resolves to the answer's status. */
function firstSignIn(url) {
  const { hostname, port } = new URL(url);
  const payload = JSON.stringify({ username: 'plain@example.test', password: PASSWORD });
  return new Promise((resolve, reject) => {
    const req = request(
      { agent: false, hostname, port, method: 'POST', path: '/api/v1/authn', headers: { accept: 'application/json', 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          try {
            const json = JSON.parse(text);
            resolve(`${res.statusCode} ${json.status ?? json.errorCode}`);
          } catch {
            resolve(`${res.statusCode} ${text.slice(0, 80)}`);
          }
        });
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

/**
 * CPU milliseconds a running process has used, all its threads and its main thread alone, from
 * Linux's /proc (nanosecond counts, unlike getrusage's ticks); undefined elsewhere.
 */
function processCpu(pid) {
  try {
    const ms = (tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    return { all: readdirSync(`/proc/${pid}/task`).reduce((sum, tid) => sum + ms(tid), 0), main: ms(pid) };
  } catch {
    return undefined;
  }
}

/**
 * Spawns the CLI (default seed) and signs in as soon as it prints its URL; resolves to the
 * milliseconds from the spawn to the URL and to the sign-in's whole JSON answer, and the CLI's
 * CPU time by then (on a busy machine the wall-clock figures grow with the load, the CPU time
 * much less).
 */
function cliStartup(profileDir) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs(profileDir), cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    let urlMs;
    void exited.then((code) => urlMs === undefined && reject(new Error(`the CLI exited with ${code} before printing its URL`)));
    createInterface({ input: child.stdout }).once('line', (url) => {
      urlMs = performance.now() - started;
      firstSignIn(url).then((answer) => {
        const answerMs = performance.now() - started;
        const cpu = processCpu(child.pid);
        // The CLI installs its SIGTERM handler just after printing the URL; a profiled run waits for
        // it, or the signal's default action ends the process before the profile is written.
        if (profileDir) setTimeout(() => child.kill('SIGTERM'), 500);
        else child.kill('SIGTERM');
        void exited.then(() => (answer === '200 SUCCESS' ? resolve({ urlMs, answerMs, cpu }) : reject(new Error(`the first sign-in answered ${answer}`))));
      }, (error) => {
        child.kill('SIGTERM');
        reject(error);
      });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function client(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const { hostname, port } = new URL(url);
  /** One JSON request; rejects on a non-2xx answer. */
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        { agent, hostname, port, method, path, headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            const json = text ? JSON.parse(text) : null;
            if (res.statusCode >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${json?.errorCode}`));
            else resolve(json);
          });
        },
      );
      req.once('error', reject);
      req.end(payload);
    });
}

/** Runs `total` jobs, `CONCURRENCY` at a time; resolves to jobs per second and the simulator's CPU milliseconds per job. */
async function throughput(sim, total, job) {
  let next = 0;
  const cpuBefore = await sim.cpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await job(next++);
    }),
  );
  const rate = total / ((performance.now() - started) / 1000);
  return { rate, cpuPerJob: ((await sim.cpuMs()) - cpuBefore) / total };
}

function report(label, value, unit, target, meets, note = '') {
  const figure = `${value.toLocaleString('en-US', { maximumFractionDigits: unit === 's' ? 2 : 0 })} ${unit}`;
  console.log(`${label.padEnd(44)} ${figure.padStart(12)}   target ${target.padEnd(12)} ${(meets ? 'met' : 'MISSED').padEnd(7)}${note}`);
}

function cpuNote(ms) {
  return `  (simulator CPU ${ms.toFixed(2)} ms each)`;
}

async function main() {
  const { values } = parseArgs({
    options: { 'sign-ins': { type: 'string', default: '3000' }, 'sms-flows': { type: 'string', default: '1500' }, 'seed-users': { type: 'string', default: '10000' }, profile: { type: 'string' } },
  });
  const signIns = Number(values['sign-ins']);
  const smsFlows = Number(values['sms-flows']);
  const seedUsers = Number(values['seed-users']);
  const profileDir = values.profile;
  console.log(
    `The simulator runs in its own Node process; this process is only the load generator (node:http, keep-alive, ${CONCURRENCY} sockets). Load average at the start: ${loadavg().map((load) => load.toFixed(2)).join(', ')} on ${availableParallelism()} CPUs.\n`,
  );

  const startups = [];
  for (let run = 0; run < STARTUP_RUNS; run += 1) startups.push(await cliStartup(run === 0 ? profileDir : undefined));
  const firstAnswer = median(startups.map((run) => run.answerMs));
  const cpuRuns = startups.filter((run) => run.cpu !== undefined);
  const cliCpu = cpuRuns.length === 0 ? '' : `; CLI CPU ${median(cpuRuns.map((run) => run.cpu.all)).toFixed(0)} ms, main thread ${median(cpuRuns.map((run) => run.cpu.main)).toFixed(0)} ms`;
  report('start-up, default seed (CLI spawn to sign-in)', firstAnswer, 'ms', '< 300 ms', firstAnswer < 300, `  (URL printed at ${median(startups.map((run) => run.urlMs)).toFixed(0)} ms${cliCpu})`);
  const inProcess = [];
  for (let run = 0; run < STARTUP_RUNS; run += 1) {
    const child = await serve({ seed: 'default', users: 0 });
    inProcess.push(child);
    await child.stop();
  }
  const startCall = median(inProcess.map((child) => child.startMs));
  report('start-up, default seed (startSimulator call)', startCall, 'ms', '< 300 ms', startCall < 300, `  (simulator CPU ${median(inProcess.map((child) => child.startCpuMs)).toFixed(0)} ms)`);

  const sim = await serve({ seed: 'default', users: smsFlows }, profileDir);
  try {
    const call = client(sim.url);
    // Warm-up: the first requests compile the hot paths.
    for (let i = 0; i < 50; i += 1) await call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
    const signIn = await throughput(sim, signIns, async () => {
      const tx = await call('POST', '/api/v1/authn', { username: 'plain@example.test', password: PASSWORD });
      if (tx.status !== 'SUCCESS') throw new Error(`unexpected ${tx.status}`);
    });
    report(`password sign-ins, concurrency ${CONCURRENCY}`, signIn.rate, '/s', '≥ 1,000 /s', signIn.rate >= 1000, cpuNote(signIn.cpuPerJob));

    const sms = await throughput(sim, smsFlows, async (index) => {
      const phone = smsUser(index).profile.mobilePhone;
      const required = await call('POST', '/api/v1/authn', { username: `bench.sms.${index}@example.test`, password: PASSWORD });
      const factor = required._embedded.factors[0];
      const challenge = await call('POST', `/api/v1/authn/factors/${factor.id}/verify`, { stateToken: required.stateToken });
      if (challenge.status !== 'MFA_CHALLENGE') throw new Error(`unexpected ${challenge.status}`);
      const outbox = await call('GET', `/__sim/outbox?to=${encodeURIComponent(phone)}`);
      const passCode = outbox.at(-1).code;
      const done = await call('POST', `/api/v1/authn/factors/${factor.id}/verify`, { stateToken: challenge.stateToken, passCode });
      if (done.status !== 'SUCCESS') throw new Error(`unexpected ${done.status}`);
    });
    report(`SMS-MFA flows, concurrency ${CONCURRENCY}`, sms.rate, '/s', '≥ 500 /s', sms.rate >= 500, cpuNote(sms.cpuPerJob));
  } finally {
    await sim.stop();
  }

  const bulk = await serve({ seed: 'bulk', users: seedUsers }, profileDir);
  await bulk.stop();
  report(`seeding ${seedUsers.toLocaleString('en-US')} users`, bulk.startMs / 1000, 's', '< 2 s', bulk.startMs < 2000, `  (simulator CPU ${(bulk.startCpuMs / 1000).toFixed(2)} s)`);
}
