// `npm run bench`: how long the demo takes to start (site + embedded simulator) and how fast it serves
// the login page. Prints measurements; asserts nothing. Run after `npm run build`.
import { performance } from 'node:perf_hooks';
import { startDemo } from '../dist/server.js';

const STARTS = Number(process.argv[2] ?? 3);
const REQUESTS = Number(process.argv[3] ?? 500);

const startTimes = [];
let demo;
for (let index = 0; index < STARTS; index += 1) {
  const begin = performance.now();
  demo = await startDemo({ port: 0, simPort: 0 });
  startTimes.push(performance.now() - begin);
  if (index < STARTS - 1) await demo.close();
}
const sorted = [...startTimes].sort((a, b) => a - b);
console.log(`startDemo (site + simulator, ${STARTS} runs): median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`);

const begin = performance.now();
for (let index = 0; index < REQUESTS; index += 1) {
  const response = await fetch(`${demo.url}/login`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /login answered ${response.status}`);
}
const seconds = (performance.now() - begin) / 1000;
console.log(`GET /login, ${REQUESTS} sequential requests: ${(REQUESTS / seconds).toFixed(0)} req/s (${((seconds / REQUESTS) * 1000).toFixed(2)} ms each)`);

const widget = await fetch(`${demo.url}/vendor/okta-authn.js`);
console.log(`widget bundle served: ${((await widget.arrayBuffer()).byteLength / 1024).toFixed(1)} KiB (uncompressed)`);
await demo.close();
