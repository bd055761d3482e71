import express from 'express';
import type { z } from 'zod/v4';
import { checkHuurtoeslag } from '../domain/huurtoeslag/check-huurtoeslag.js';
import { huurtoeslagInputSchema } from '../domain/huurtoeslag/huurtoeslag-input.js';
import { errorCodes } from '../shared/errors.js';
import { preferredLocale, type Locale } from './accept-language.js';

export interface HuurtoeslagRouterDeps {
  readonly translate: (locale: Locale, key: string) => string;
}

/** POST /check: the indicative huurtoeslag check. Mounted at /api/huurtoeslag; the app parses JSON. */
export function huurtoeslagRouter(deps: HuurtoeslagRouterDeps): express.Router {
  const router = express.Router();

  router.post('/check', (req, res) => {
    // req.body is undefined when no JSON body was sent; zod then reports the whole body as invalid.
    const parsed = huurtoeslagInputSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(errorCodes.VALIDATION_FAILED.status).json({
        error: {
          code: 'VALIDATION_FAILED',
          message: errorCodes.VALIDATION_FAILED.message,
          fields: invalidFields(parsed.error.issues),
        },
      });
      return;
    }
    const locale = preferredLocale(req.get('accept-language'));
    const result = checkHuurtoeslag(parsed.data);
    res.set('Content-Language', locale);
    res.vary('Accept-Language');
    res.json({
      eligible: result.eligible,
      monthlyAmount: result.monthlyAmount,
      monthlyAmountWholeEuros: result.monthlyAmountWholeEuros,
      reasons: result.reasons.map((r) => ({ code: r.code, text: deps.translate(locale, r.textKey) })),
      figures: result.figures,
    });
  });

  return router;
}

/** One entry per invalid field; an unknown key is named by its own path. Values are never echoed. */
function invalidFields(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: 'Unknown field.' }));
    }
    return [{ path: pathOf(issue.path), message: issue.message }];
  });
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.');
}
