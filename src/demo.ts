// Demo data for a local trial: loaded into an empty store when DEMO_DATA is on.
import type { Runtime } from './runtime.js';

export interface DemoLogger {
  info(obj: object, msg?: string): void;
}

export function seedDemo(_runtime: Runtime, _logger: DemoLogger): void {
  // The campaign module adds the Bến Tre unit tree and demo statistics here.
}
