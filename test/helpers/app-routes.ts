import type { Express } from 'express';

/** One route the Express app answers: method (lower case) and the full path in Express syntax (`/tickets/:id`). */
export interface AppRoute {
  readonly method: string;
  readonly path: string;
}

interface RouteLike {
  readonly path: unknown;
  readonly methods: Record<string, boolean | undefined>;
}
interface LayerLike {
  readonly name: string;
  readonly rawPath?: unknown;
  readonly route?: RouteLike;
  readonly handle: unknown;
}

function join(base: string, path: string): string {
  const joined = `${base.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : '/';
}

function pathsOf(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw.flat(Infinity) : [raw];
  return list.map((p) => {
    // A RegExp or other pattern route would not be listed faithfully: fail loudly instead of passing by accident.
    if (typeof p !== 'string') throw new Error(`route path is not a string: ${String(p)}`);
    return p;
  });
}

function stackOf(handle: unknown): readonly LayerLike[] | undefined {
  if ((typeof handle !== 'function' && typeof handle !== 'object') || handle === null || !('stack' in handle)) return undefined;
  return Array.isArray(handle.stack) ? (handle.stack as LayerLike[]) : undefined;
}

/**
 * Every route of an Express 5 app, walking mounted routers (`app.use(path, router)`) and mounted sub-apps. Express
 * keeps no reference from the parent to a mounted sub-app, so those are passed in and matched by `parent` and
 * `mountpath`; a mounted app that is not passed in throws, so no route is missed silently.
 */
export function appRoutes(app: Express, subApps: readonly Express[] = []): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (owner: Express, stack: readonly LayerLike[], base: string): void => {
    for (const layer of stack) {
      if (layer.route !== undefined) {
        for (const path of pathsOf(layer.route.path)) {
          for (const [method, on] of Object.entries(layer.route.methods)) if (on === true && method !== '_all') routes.push({ method, path: join(base, path) });
        }
        continue;
      }
      const inner = stackOf(layer.handle);
      if (inner !== undefined) {
        for (const path of pathsOf(layer.rawPath)) walk(owner, inner, join(base, path));
        continue;
      }
      if (layer.name === 'mounted_app') {
        for (const path of pathsOf(layer.rawPath)) {
          const sub = subApps.find((s) => (s as Express & { parent?: unknown }).parent === owner && s.mountpath === path);
          if (sub === undefined) throw new Error(`a sub-app is mounted at ${join(base, path)} but was not passed to appRoutes`);
          walk(sub, stackOf(sub.router) ?? [], join(base, path));
        }
      }
    }
  };
  walk(app, stackOf(app.router) ?? [], '/');
  return routes;
}
