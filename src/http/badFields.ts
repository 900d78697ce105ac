// Where a verified webhook body has the wrong shape, said without its content: the paths
// of the bad fields ("message.text"), for the one warning a malformed update is worth.
import type { z } from 'zod';

const MAX_FIELDS = 5;

export function badFields(error: z.ZodError): string[] {
  const paths = error.issues.map((issue) => (issue.path.length ? issue.path.map(String).join('.') : '(body)'));
  return [...new Set(paths)].slice(0, MAX_FIELDS);
}
