/**
 * The import rules of DESIGN.md §2:
 * shared <- domain <- engine <- {content, store} <- handoff <- runtime <- {channels/*, console} <- http <- main.
 * Each layer may import only the layers to its left (and itself).
 */
const layers = {
  shared: '^src/shared/',
  domain: '^src/domain/',
  engine: '^src/engine/',
  content: '^src/content/',
  store: '^src/store/',
  handoff: '^src/handoff/',
  runtime: '^src/runtime/',
  channels: '^src/channels/',
  // The volunteer console: a sibling of channels (neither imports the other).
  console: '^src/console/',
  http: '^src/http/',
};
const top = '^src/(main|server|config)\\.ts$|^src/cli/';

const allowed = {
  shared: ['shared'],
  domain: ['shared', 'domain'],
  engine: ['shared', 'domain', 'engine'],
  content: ['shared', 'domain', 'engine', 'content'],
  store: ['shared', 'domain', 'engine', 'store'],
  handoff: ['shared', 'domain', 'engine', 'content', 'store', 'handoff'],
  runtime: ['shared', 'domain', 'engine', 'content', 'store', 'handoff', 'runtime'],
  channels: ['shared', 'domain', 'engine', 'content', 'store', 'handoff', 'runtime', 'channels'],
  console: ['shared', 'domain', 'engine', 'content', 'store', 'handoff', 'runtime', 'console'],
  http: ['shared', 'domain', 'engine', 'content', 'store', 'handoff', 'runtime', 'channels', 'console', 'http'],
};

const layerRules = Object.entries(allowed).map(([layer, ok]) => ({
  name: `layer-${layer}`,
  comment: `${layer} may import only: ${ok.join(', ')}`,
  severity: 'error',
  from: { path: layers[layer] },
  to: { path: `^src/`, pathNot: [...ok.map((l) => layers[l]), '^src/config\\.ts$'].concat(layer === 'http' ? [] : []) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'config-only-at-top',
      comment: 'Only main/server/cli read the config; everything else gets values passed in.',
      severity: 'error',
      from: { path: '^src/', pathNot: top },
      to: { path: '^src/config\\.ts$' },
    },
    {
      name: 'pure-core',
      comment: 'engine and domain do no I/O and import no Redis, Express, Botkit, Teams, Handlebars or i18next.',
      severity: 'error',
      from: { path: '^src/(engine|domain)/' },
      to: { path: '(^|/)node_modules/(redis|@redis|express|botkit|botbuilder[^/]*|@microsoft/teams-ai|handlebars|i18next|ws|pino)/|^(fs|node:fs|net|node:net|http|node:http|child_process|node:child_process)' , dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'channel-sdk-in-its-folder',
      comment: 'A channel SDK is imported only inside its own folder under src/channels/.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/channels/' },
      to: { path: '(^|/)node_modules/(botkit|botbuilder[^/]*|@microsoft/teams-ai)/' },
    },
    {
      name: 'channels-independent',
      comment: 'Channels never import each other.',
      severity: 'error',
      from: { path: '^src/channels/([^/]+)/' },
      to: { path: '^src/channels/([^/]+)/', pathNot: '^src/channels/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-from-test',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.d.ts'] },
    exclude: { path: '^src/(channels/web/widget|console/page)/' },
  },
};
