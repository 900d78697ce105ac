// Reads flows/*.yaml and validates each file; a typo is reported with the file and the
// path inside it, never as a stack trace.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { type Flow, FlowSchema } from './schema.js';
import { projectPath } from '../paths.js';

/** Flow files that cannot be used, with every problem found in them. */
export class FlowFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'FlowFileError';
  }
}

function describeIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    return `${file}: ${where}: ${issue.message}`;
  });
}

/** One flow file read and checked: the flow, or the problems naming the path inside the file. */
export function parseFlow(file: string, source: string): { flow?: Flow; problems: string[] } {
  let raw: unknown;
  try {
    raw = parse(source, { prettyErrors: true });
  } catch (err) {
    return { problems: [`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const result = FlowSchema.safeParse(raw);
  if (!result.success) return { problems: describeIssues(file, result.error) };
  return { flow: result.data, problems: [] };
}

/** Every flow in the folder; throws FlowFileError listing every problem at once. */
export function loadFlows(dir = projectPath('flows')): Flow[] {
  const flows: Flow[] = [];
  const problems: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const parsed = parseFlow(file, readFileSync(join(dir, file), 'utf8'));
    problems.push(...parsed.problems);
    if (parsed.flow) {
      if (`${parsed.flow.id}.yaml` !== file && `${parsed.flow.id}.yml` !== file)
        problems.push(`${file}: id "${parsed.flow.id}" must match the file name`);
      flows.push(parsed.flow);
    }
  }
  if (problems.length) throw new FlowFileError(problems);
  return flows;
}
