// Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by function and by package
// or source folder, so a report can quote where the time went.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  share: number;
}

function area(url: string): string {
  if (!url) return '(native / idle / gc)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/(src\/[^/]+(?:\/[^/]+)?)\//.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return url.split('/')[0]!;
  return url.replace(/^.*\//, '');
}

/** Self-time shares (0..1) of the top functions and areas, idle excluded. */
export function summariseProfile(path: string, top = 15): { functions: ProfileShare[]; areas: ProfileShare[]; busyMs: number } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += micros;
    const fn =
      `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}:${lineNumber + 1}` : ''}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
    const a = functionName === '(garbage collector)' ? '(garbage collector)' : area(url);
    areas.set(a, (areas.get(a) ?? 0) + micros);
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, v]) => ({ name, share: v / busy }));
  return { functions: ranked(functions), areas: ranked(areas), busyMs: busy / 1000 };
}

/** Inclusive time shares of functions whose name matches, across the whole tree. */
export function inclusiveShares(path: string, names: RegExp): ProfileShare[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfCount = new Map<number, number>();
  profile.samples.forEach((id, i) => selfCount.set(id, (selfCount.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let busy = 0;
  for (const [id, v] of selfCount) {
    const fn = byId.get(id)!.callFrame.functionName;
    if (fn !== '(idle)' && fn !== '(program)') busy += v;
  }
  const totals = new Map<string, number>();
  const walk = (id: number, open: Set<string>): number => {
    const node = byId.get(id)!;
    let sum = selfCount.get(id) ?? 0;
    const label = names.test(node.callFrame.functionName)
      ? `${node.callFrame.functionName} ${node.callFrame.url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}`
      : undefined;
    const entered = label !== undefined && !open.has(label);
    if (entered) open.add(label);
    for (const child of node.children ?? []) sum += walk(child, open);
    if (entered) {
      open.delete(label);
      totals.set(label, (totals.get(label) ?? 0) + sum);
    }
    return sum;
  };
  walk(profile.nodes[0]!.id, new Set());
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([name, v]) => ({ name, share: v / busy }));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const file = process.argv[2]!;
  const s = summariseProfile(file, Number(process.argv[3] ?? 25));
  console.log(`busy ${s.busyMs.toFixed(0)} ms`);
  for (const a of s.areas) console.log(`${(a.share * 100).toFixed(1).padStart(5)}%  ${a.name}`);
  console.log('');
  for (const f of s.functions) console.log(`${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
  if (process.argv[4])
    for (const f of inclusiveShares(file, new RegExp(process.argv[4])).slice(0, 30))
      console.log(`incl ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
}
