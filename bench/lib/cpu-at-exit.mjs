// Preloaded (--import) into a benchmarked process: at exit its main thread prints the CPU time of
// the whole process, every thread included (getrusage), as one marked line on stderr.
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { CPU_LINE } from './cpu-line.mjs';

if (isMainThread) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeSync(2, `\n${CPU_LINE}${JSON.stringify({ seconds: (user + system) / 1e6 })}\n`);
  });
}
