import { z } from 'zod/v4';

/**
 * content/sources.yaml: where every number, deadline, amount, phone number and organisation in a Dutch message
 * comes from (issue #10, DESIGN.md §8). A meldpunt reviews it with `npm run content -- sources`.
 */
const sourceSchema = z
  .strictObject({
    title: z.string().min(3),
    publisher: z.string().min(2),
    /** A public page, or the seed document the project was created from (one of the two). */
    url: z.url().optional(),
    seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/).optional(),
    /** The date the source shows, or that it shows none ("ongedateerd"). */
    date: z.string().min(4),
    /** The tag in research/domain.md or research/huurtoeslag.md, e.g. "[E27]". */
    evidence: z.string().min(2),
  })
  .refine((s) => s.url !== undefined || s.seed !== undefined, 'needs a url or a seed document');
export type Source = z.infer<typeof sourceSchema>;

const keyPattern = /^[a-z][a-z0-9_-]*\.[a-z0-9_.-]+$/;

export const sourceMapSchema = z.strictObject({
  /** Names that count as stating an organisation (matched as whole words, any case). */
  organisations: z.array(z.string().min(2)),
  sources: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), sourceSchema),
  /** Message key (`<dialog>.<key>`) to the sources of what it states. */
  messages: z.record(z.string().regex(keyPattern), z.array(z.string()).min(1)),
  /** Messages whose digits are no fact (an example of how to type a date or a phone number), with the reason. */
  not_facts: z.record(z.string().regex(keyPattern), z.string().min(10)).default({}),
});
export type SourceMap = z.infer<typeof sourceMapSchema>;

export const emptySourceMap: SourceMap = { organisations: [], sources: {}, messages: {}, not_facts: {} };
