// Demo data for a local trial: loaded into an empty store when DEMO_DATA is on.
import type { Runtime } from './runtime.js';
import { seedDemoData } from './campaign/demo.js';

export interface DemoLogger {
  info(obj: object, msg?: string): void;
}

export function seedDemo(runtime: Runtime, logger: DemoLogger): void {
  if (seedDemoData(runtime.store.db, runtime.now()))
    logger.info({}, 'demo data loaded: the Bến Tre 2023 unit tree, a demo campaign and weekly statistics');
}
