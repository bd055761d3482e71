import type { Express, Request } from 'express';
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';
import { RequestError } from '../../shared/errors.js';

/** What a refused Teams request hears (the app's error body, code TOKEN_INVALID). */
export const TEAMS_TOKEN_REFUSED = 'The Bot Framework token is missing or invalid.';

/**
 * The Teams SDK's transport seam on our Express sub-app, in place of the SDK's ExpressAdapter, which answers with
 * its own `{ "error": "…" }` bodies. Here a token the SDK refuses is 401 TOKEN_INVALID and an activity the SDK
 * could not handle goes to the app's error handler (500 INTERNAL, logged), so this endpoint answers with the
 * app's error body like every other route. The body was parsed already (TEAMS_BODY_LIMIT).
 */
export class TeamsHttpAdapter implements IHttpServerAdapter {
  readonly #router: Express;

  constructor(router: Express) {
    this.#router = router;
  }

  registerRoute(_method: HttpMethod, path: string, handler: HttpRouteHandler): void {
    this.#router.post(path, async (req, res) => {
      const response = await handler({ body: req.body, headers: headersOf(req) });
      if (response.status === 401) throw new RequestError('TOKEN_INVALID', TEAMS_TOKEN_REFUSED);
      if (response.status >= 500) throw new Error(`the Teams SDK answered ${response.status}`);
      res.status(response.status).send(response.body);
    });
  }
}

function headersOf(req: Request): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = value;
  return headers;
}
