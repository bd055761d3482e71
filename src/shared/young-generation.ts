import v8 from 'node:v8';

/** V8's own setting (`node --v8-options`): each growth doubles the young generation, up to its maximum. */
const V8_GROWTH_FACTOR = 2;

/**
 * Holds V8's young generation at its initial size while the server starts; the returned function lets V8 size it
 * again (issue #12). V8 grows the young generation when much of it survives a collection. Loading the server's
 * modules (Botkit's tree above all) makes nothing but long-lived objects, which V8 reads as a reason to grow it to
 * its maximum: 128 MB on Node 24, committed and kept by an idle process although the server uses a fraction. Held
 * during the start, a fresh process is about 80 MB smaller; once it is ready the young generation grows under load
 * as before, so a busy process is sized (and its turns cost) as before. The growth factor is read by V8 on every
 * growth, so changing it after start takes effect; `--max-semi-space-size` on the command line still applies.
 */
export function holdYoungGeneration(): () => void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  return () => v8.setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH_FACTOR}`);
}
