// A button's id carries where it was offered, so a tap on an old message can be told
// apart from a tap on the current step. Kept short: Telegram allows 64 bytes.
export interface FlowChoiceRef {
  flowId: string;
  stepId: string;
  choiceId: string;
}

/** The button id of a choice offered at a step. */
export function choiceToken(flowId: string, stepId: string, choiceId: string): string {
  return `f|${flowId}|${stepId}|${choiceId}`;
}

/** The flow, step and choice a button id names; undefined for any other id. */
export function parseChoiceToken(token: string): FlowChoiceRef | undefined {
  const parts = token.split('|');
  if (parts.length !== 4 || parts[0] !== 'f' || parts.some((p) => p === '')) return undefined;
  return { flowId: parts[1]!, stepId: parts[2]!, choiceId: parts[3]! };
}
