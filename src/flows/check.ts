// `npm run flows:check`: loads every flow and lints it against the texts, the commands and
// the actions the bot really has; prints each problem and fails if there is one.
import { loadConfig } from '../config.js';
import { createRuntime, FlowLintError } from '../runtime.js';
import { FlowFileError } from './loader.js';

try {
  const runtime = await createRuntime(
    loadConfig({ ...process.env, DATABASE_PATH: ':memory:', DATABASE_URL: '', DEMO_DATA: 'false' }),
  );
  const steps = runtime.flows.reduce((n, f) => n + Object.keys(f.steps).length, 0);
  console.log(`flows:check: ${runtime.flows.length} flows, ${steps} steps, no problems.`);
  await runtime.store.close();
} catch (err) {
  if (err instanceof FlowFileError || err instanceof FlowLintError) {
    console.error(`flows:check found ${err.problems.length} problem(s):\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  throw err;
}
