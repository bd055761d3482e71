import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Declarations that tie a layout to the physical left or right, so a right-to-left page would be wrong: the
 * properties left/right and every *-left/*-right property, text-align/float/clear with left or right, and
 * four-value margin/padding/inset/border-width whose right and left differ. Returns `line: declaration`.
 */
function physicalDeclarations(css: string): string[] {
  const found: string[] = [];
  // Comments out, line numbers kept.
  const lines = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).split('\n');
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/([a-z-]+)\s*:\s*([^;{}]+)/g)) {
      const [prop = '', raw = ''] = [m[1], m[2]];
      const value = raw.trim();
      const physicalProp = /^(left|right)$|-(left|right)(-|$)/.test(prop);
      const physicalValue = /^(text-align|float|clear)$/.test(prop) && /\b(left|right)\b/.test(value);
      const parts = value.split(/\s+/);
      const lopsided = /^(margin|padding|inset|border-width)$/.test(prop) && parts.length === 4 && parts[1] !== parts[3];
      if (physicalProp || physicalValue || lopsided) found.push(`${i + 1}: ${prop}: ${value}`);
    }
  });
  return found;
}

/** The widget's stylesheet is a template string in styles.ts. */
async function widgetCss(): Promise<string> {
  const source = await readFile(path.join(root, 'src/channels/web/widget/styles.ts'), 'utf8');
  const m = /const css = `([\s\S]*?)`;/.exec(source);
  if (!m) throw new Error('styles.ts: the css template was not found');
  return m[1] ?? '';
}

async function cssFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await cssFiles(full)));
    else if (entry.name.endsWith('.css')) out.push(full);
  }
  return out;
}

describe('CSS with logical properties only (right-to-left languages mirror the layout by themselves)', () => {
  it('the widget and the console use no left/right', async () => {
    const sheets = [{ name: 'widget styles.ts', css: await widgetCss() }];
    for (const file of await cssFiles(path.join(root, 'src'))) sheets.push({ name: path.relative(root, file), css: await readFile(file, 'utf8') });
    expect(sheets.length).toBeGreaterThan(1);
    for (const sheet of sheets) expect(physicalDeclarations(sheet.css), sheet.name).toEqual([]);
  });

  it('the broken fixture is reported at every physical declaration', async () => {
    const css = await readFile(path.join(root, 'test/fixtures/css/physical.css'), 'utf8');
    expect(physicalDeclarations(css)).toEqual([
      '2: right: 16px',
      '2: left: 0',
      '3: margin-left: 4px',
      '3: padding-right: 2px',
      '4: border-left: 4px solid red',
      '4: border-right-color: blue',
      '5: text-align: left',
      '5: float: right',
      '6: padding: 12px 12px 8px 16px',
    ]);
  });
});
