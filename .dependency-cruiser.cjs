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
      to: { path: '(^|/)node_modules/(redis|@redis|express|botkit|botbuilder[^/]*|twilio|@microsoft/teams[.-][^/]*|handlebars|i18next|ws|pino)/|^(fs|node:fs|net|node:net|http|node:http|child_process|node:child_process)' , dependencyTypesNot: ['type-only'] },
    },
    // A channel SDK only inside its own folder under src/channels/ (Botkit's is the hub of the channels we host).
    // Unresolved imports (an SDK not installed yet) match by bare name, so a rule cannot pass by accident.
    ...Object.entries({
      botkit: { folder: 'botkit', sdk: '(^|node_modules/)(botkit|botbuilder[^/]*)(/|$)' },
      twilio: { folder: 'twilio', sdk: '(^|node_modules/)twilio(/|$)' },
      teams: { folder: 'teams', sdk: '(^|node_modules/)@microsoft/teams[.-]' },
    }).map(([name, { folder, sdk }]) => ({
      name: `${name}-sdk-in-its-folder`,
      comment: `The ${name} SDK is imported only inside src/channels/${folder}/.`,
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/channels/${folder}/` },
      to: { path: sdk },
    })),
    {
      name: 'channels-independent',
      comment: 'Channels never import each other; the Botkit hub (src/channels/botkit/) is shared by the channels we host.',
      severity: 'error',
      from: { path: '^src/channels/([^/]+)/' },
      to: { path: '^src/channels/([^/]+)/', pathNot: ['^src/channels/$1/', '^src/channels/botkit/'] },
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
