// Benchmark child process: the fake Amplitude (test/fakes/amplitude.ts) on its own event loop.
// Run with `node --import tsx`. Prints nothing; answers the parent over IPC.
import { startFakeAmplitude } from '../../test/fakes/amplitude.js';

const fake = await startFakeAmplitude();

// The fake records every call: keep only the latest so a long run stays small.
const trim = setInterval(() => fake.calls.splice(0, fake.calls.length - 1), 100);

// { id, cmd: 'stats' | 'reset' } → { id, writes, last, cpu }: items stored since the last reset,
// the latest call's body and Authorization header (what a proxy sent upstream), CPU time used.
process.on('message', (msg: { id: number; cmd: string }) => {
  const last = fake.calls.at(-1);
  const reply = {
    id: msg.id,
    writes: fake.writes,
    cpu: process.cpuUsage(),
    last: last && { rawBody: last.rawBody, authorization: last.headers.authorization, status: last.status },
  };
  if (msg.cmd === 'reset') fake.reset();
  process.send?.(reply);
});

process.on('disconnect', () => {
  clearInterval(trim);
  void fake.close().then(() => process.exit(0));
});

process.send?.({ url: fake.url });
