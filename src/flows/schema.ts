// The shape of a flow file (flows/*.yaml). Content editors write these; zod checks them
// at start and in `npm run flows:check`, and the linter proves the graph is sound.
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9_-]+$/, 'use lower-case letters, digits, "-" or "_"');
/** A locale key written `namespace:key.path`. */
const textKey = z.string().regex(/^[a-z][a-zA-Z0-9_]*:[a-zA-Z0-9_.-]+$/, 'write a locale key as namespace:key.path');
const varName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_.]*$/, 'a variable name');

export const ChoiceSchema = z
  .strictObject({
    id,
    label: textKey,
    /** A step of this flow. */
    next: id.optional(),
    /** Another flow, at its start or at `flow#step`. */
    flow: z
      .string()
      .regex(/^[a-z0-9_-]+(#[a-z0-9_-]+)?$/)
      .optional(),
    /** A command to run, e.g. `tiendo`. */
    command: id.optional(),
    /** Shown only when this variable (flow or settings) has a value. */
    when: varName.optional(),
    /** Variables recorded when the choice is taken. */
    set: z.record(varName, z.string()).optional(),
    /** With `flow`: variables carried into the other flow (a commune already chosen). */
    keep: z.array(varName).optional(),
  })
  .refine((c) => [c.next, c.flow, c.command].filter(Boolean).length === 1, {
    message: 'a choice leads to exactly one of next, flow or command',
  });

export const LinkSchema = z.strictObject({
  label: textKey,
  url: z.string().regex(/^(https?:\/\/\S+|\{\{[a-zA-Z_.]+\}\})$/, 'an http(s) URL or a {{setting}}'),
  when: varName.optional(),
});

/** Phrases people type, diacritics optional; all of a phrase's words must occur, in any order. */
const Phrases = z.strictObject({
  vi: z.array(z.string().min(2)).default([]),
  en: z.array(z.string().min(2)).default([]),
});

export const StepSchema = z
  .strictObject({
    say: textKey,
    /** The questions this step answers: free text matching one opens the flow here (an anchor). */
    ask: Phrases.optional(),
    links: z.array(LinkSchema).optional(),
    choices: z.array(ChoiceSchema).min(1).optional(),
    input: z
      .strictObject({
        save: varName,
        next: id,
        /** What the input must look like; a wrong one is answered with `invalid` and asked again. */
        kind: z.enum(['text', 'number']).default('text'),
        /** The person's own words (to relay to an officer): never read as a question to answer. */
        freeText: z.boolean().default(false),
        invalid: textKey.optional(),
      })
      .optional(),
    /** A named domain action run when the step is entered; its outcome picks the next step. */
    action: id.optional(),
    outcomes: z.record(z.string(), id).optional(),
    /** Say this, then go straight on to the next step in the same turn. */
    next: id.optional(),
    /** The flow ends here. */
    end: z.literal(true).optional(),
  })
  .refine((s) => [s.choices, s.input, s.action, s.next, s.end].filter(Boolean).length === 1, {
    message: 'a step has exactly one of choices, input, action, next or end',
  })
  .refine((s) => !s.action || (s.outcomes && Object.keys(s.outcomes).length > 0), {
    message: 'an action step names its outcomes',
  })
  .refine((s) => !s.ask || !s.action, {
    message: 'an action step cannot answer a question: put `ask` on a step that says something',
  });

export const FlowSchema = z.strictObject({
  id,
  /** Locale key of the flow's name in menus. */
  title: textKey,
  /** `/command` that starts it. */
  command: id.optional(),
  /** Phrases that open this flow at its start from free text (the start's anchor). */
  keywords: Phrases.default({ vi: [], en: [] }),
  /**
   * Its anchors win over every other flow's when both match, even inside another guide:
   * for warnings that must never wait behind a guide (scams).
   */
  urgent: z.boolean().default(false),
  /** Add "Back" and "Menu" to every step. */
  nav: z.boolean().default(true),
  /** A tap on a button of an older step: `honour` jumps there; `refuse` says it is out of date. */
  staleTaps: z.enum(['honour', 'refuse']).default('honour'),
  start: id,
  steps: z.record(id, StepSchema),
});

export type FlowChoice = z.infer<typeof ChoiceSchema>;
export type FlowStep = z.infer<typeof StepSchema>;
export type Flow = z.infer<typeof FlowSchema>;
