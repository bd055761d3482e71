import { z } from 'zod/v4';

/** snake_case ids: they end up in stored state, so they never change once shipped. */
const id = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be snake_case (a-z, 0-9, _), starting with a letter');
/** A content key inside the dialog's own content file (content/<lng>/<dialog>.yaml), or `common.x` for shared texts. */
const contentKey = z.string().regex(/^[a-z][a-z0-9_.]{0,95}$/, 'must be a content key like "phase_3.what"');
/** An i18next key for a short label: `<key>` in the dialog's namespace, or `common:<key>`. */
const labelKey = z.string().regex(/^([a-z][a-z0-9_]*:)?[a-z][a-z0-9_.]{0,95}$/, 'must be a label key like "who.tenant"');
const answerValue = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

export const inputKinds = ['yes_no', 'amount', 'date', 'number', 'postcode', 'phone', 'email', 'text'] as const;
export const priorities = ['crisis', 'urgent', 'soon', 'normal'] as const;

const comparison = z.strictObject({
  answer: id,
  eq: answerValue.optional(),
  ne: answerValue.optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  in: z.array(answerValue).optional(),
  exists: z.boolean().optional(),
});
export type Comparison = z.infer<typeof comparison>;

export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    comparison,
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

const choiceSchema = z.strictObject({
  value: id,
  label: labelKey,
  next: id.optional(),
  /** Extra answers recorded when this choice is taken. */
  set: z.record(id, answerValue).optional(),
  /**
   * Shown only when this holds for the answers and host facts (e.g. a relative's "melding" button, or a multi-choice
   * option not chosen yet). A hidden choice that is still answered (an old button) is accepted as usual.
   */
  show_if: conditionSchema.optional(),
});

const sayNode = z.strictObject({
  type: z.literal('say'),
  text: contentKey,
  next: id,
});

const askNode = z.strictObject({
  type: z.literal('ask'),
  text: contentKey,
  /** Answer name the chosen value or parsed input is stored under. */
  save: id.optional(),
  choices: z.array(choiceSchema).max(10).optional(),
  /** A typed answer the engine parses (in addition to the choices). */
  input: z.enum(inputKinds).optional(),
  /** Where a parsed typed answer goes. */
  next: id.optional(),
  /** Sent instead of the generic "I did not understand" when the answer is not understood. */
  reprompt: contentKey.optional(),
  /** Skip the question when this answer is already known (never ask twice). */
  skip_if_known: z.boolean().optional(),
});

const branchNode = z.strictObject({
  type: z.literal('branch'),
  cases: z.array(z.strictObject({ if: conditionSchema, next: id })).min(1),
  else: id,
});

const actionNode = z.strictObject({
  type: z.literal('action'),
  action: id,
  args: z.record(id, answerValue).optional(),
  /** Default continuation. */
  next: id,
  /** Continuations per outcome the action returns. */
  on: z.record(id, id).optional(),
});

const handoffNode = z.strictObject({
  type: z.literal('handoff'),
  reason: id,
  /** Fixed urgency; when absent, computed from what the conversation knows (dates, phase, crisis). */
  priority: z.enum(priorities).optional(),
  /** Ask "may I pass your chat to a volunteer?" first (default). `false` only where consent was just given. */
  consent: z.boolean().optional(),
  /** Answer names handed to the volunteer as the summary. */
  summary: z.array(id).optional(),
  next: id,
});

const gotoNode = z.strictObject({
  type: z.literal('goto'),
  dialog: id,
  node: id.optional(),
});

const endNode = z.strictObject({
  type: z.literal('end'),
  text: contentKey.optional(),
});

export const nodeSchema = z.discriminatedUnion('type', [sayNode, askNode, branchNode, actionNode, handoffNode, gotoNode, endNode]);
export type DialogNode = z.infer<typeof nodeSchema>;
export type AskNode = z.infer<typeof askNode>;
export type Choice = z.infer<typeof choiceSchema>;
export type InputKind = (typeof inputKinds)[number];
export type Priority = (typeof priorities)[number];
export type AnswerValue = z.infer<typeof answerValue>;

export const dialogSchema = z.strictObject({
  id,
  version: z.literal(1),
  /** A short description for authors. */
  title: z.string().max(200).optional(),
  start: id,
  nodes: z.record(id, nodeSchema).refine((nodes) => Object.keys(nodes).length > 0, 'needs at least one node'),
});
export type Dialog = z.infer<typeof dialogSchema>;
