// The machine the numbers came from, for the report's header.
import os from 'node:os';

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return [
    `${cpus.length} × ${model}`,
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM`,
    `${os.type()} ${os.release()} (${os.arch()})`,
    `Node.js ${process.version}`,
    `load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  ].join(', ');
}
