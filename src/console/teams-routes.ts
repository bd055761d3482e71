import { randomInt } from 'node:crypto';
import express, { type Router } from 'express';
import { RequestError } from '../shared/errors.js';
import { defaultCodeTtlSeconds, newLinkCode, type TeamsStore } from '../store/teams-store.js';
import { consoleAuthOf, requireCoordinator } from './auth/auth-middleware.js';
import { emptyBodySchema, parseInput } from './console-bodies.js';

export interface ConsoleTeamsDeps {
  /** Whether the Teams channel is on (TEAMS_APP_ID and TEAMS_APP_PASSWORD set). */
  readonly enabled: boolean;
  readonly store: Pick<TeamsStore, 'alertChannel' | 'putLinkCode'>;
}

/**
 * The console's Teams corner (mounted behind the console's sign-in and CSRF check):
 * GET  /teams            -> { enabled, alertChannel: { label, setBy, setAt, stale } | null }   (coordinator)
 * POST /teams/link-code  -> 201 { code, expiresInSeconds }: the volunteer sends the code to the bot in a 1:1 chat.
 */
export function consoleTeamsRoutes(deps: ConsoleTeamsDeps): Router {
  const router = express.Router();
  router.get('/teams', requireCoordinator, async (_req, res) => {
    const channel = deps.enabled ? await deps.store.alertChannel() : null;
    // The channel's Teams address stays on the server: the view needs names and state only.
    res.json({ enabled: deps.enabled, alertChannel: channel === null ? null : { label: channel.label, setBy: channel.setBy, setAt: channel.setAt, stale: channel.stale } });
  });
  router.post('/teams/link-code', async (req, res) => {
    parseInput(emptyBodySchema, req.body);
    if (!deps.enabled) throw new RequestError('NOT_FOUND', 'The Teams channel is off.');
    const code = newLinkCode(randomInt);
    await deps.store.putLinkCode(code, consoleAuthOf(res).username);
    res.status(201).json({ code, expiresInSeconds: defaultCodeTtlSeconds });
  });
  return router;
}
