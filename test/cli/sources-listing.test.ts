import { describe, expect, it } from 'vitest';
import { sourcesListing } from '../../src/cli/sources-listing.js';
import { loadContent } from '../../src/content/load-content.js';
import { loadSources } from '../../src/content/load-sources.js';
import { rootDir } from '../../src/server.js';

describe('npm run content -- sources', () => {
  it('lists each sourced message with its Dutch text and its sources, then the typing examples', async () => {
    const [bundle, sources] = await Promise.all([loadContent(rootDir), loadSources(rootDir)]);
    const out = sourcesListing(bundle.content['nl'] ?? {}, sources.map);
    const block = out.split('\n\n').find((b) => b.startsWith('phase_2.next\n'));
    expect(block).toBe(
      [
        'phase_2.next',
        `  "Je krijgt brieven of telefoontjes, en soms komen er incassokosten bij. {{#if landlord_private}}Ook een particuliere verhuurder moet eerst contact zoeken en de gemeente inlichten, en pas dan naar de rechter gaan.{{else}}Lukt een regeling niet, dan kan de verhuurder naar de rechter gaan, maar dat moet hij eerst laten weten.{{/if}} De rechter stopt een huurcontract vaak bij 3 maanden achterstand of meer. Soms eerder, bijvoorbeeld als je vaak te laat betaalt."`,
        '  [E27] Huurachterstand en uitzetting — Het Juridisch Loket, ongedateerd, https://www.juridischloket.nl/schulden-en-incasso/incasso-en-betalingsachterstand/huurachterstand-uitzetting/ ([E27])',
        '  [E1] Besluit gemeentelijke schuldhulpverlening (Stb. 2020, 240), art. 2 — Officiële bekendmakingen, 2020 (in werking 2021-01-01), https://zoek.officielebekendmakingen.nl/stb-2020-240.html ([E1])',
        '  [seed-001] Naar 0 huisuitzettingen, zo kan het! (Divosa, Amsterdam Geregelde betaling, Maastricht Wachtkamer) — Divosa e.a., bijeenkomst, 2022-03-31, seed document 001_e4f2ac933cb7d2d6.txt ([001])',
      ].join('\n'),
    );
    expect(out).toContain('seed document 001_e4f2ac933cb7d2d6.txt');
    expect(out).toContain('Geen feit (voorbeeld van wat je typt):\n');
    expect(out).toContain('  phase_guide.court.question: Een voorbeeld van hoe je een datum typt.');
  });
});
