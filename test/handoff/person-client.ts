import { waitFor } from '../helpers/wait-for.js';
import { lastOf, turn, type BotMessage } from '../channels/web/web-client.js';
import { framesOfType, type TestSocket } from '../channels/web/socket-client.js';

/** The person's side of a handoff over the web API: greeting, "mens", consent. Returns the answer to the consent. */
export async function askForHuman(url: string, token: string): Promise<BotMessage[]> {
  await turn(url, token, { payload: 'intent:start' });
  const offer = await turn(url, token, { text: 'mens' });
  if (!lastOf(offer).text.includes('vrijwilliger')) throw new Error(`expected the handoff offer, got ${JSON.stringify(offer)}`);
  return turn(url, token, { payload: 'choice:yes' });
}

/** The texts of the socket's frames of one type, in order. */
export function textsOf(socket: TestSocket, type: string): string[] {
  return framesOfType(socket.frames, type).map((f) => (typeof f['text'] === 'string' ? f['text'] : ''));
}

/** Waits until a frame of `type` whose text contains `part` has arrived; returns that frame. */
export async function frameWithText(socket: TestSocket, type: string, part: string, timeoutMs = 3000): Promise<Record<string, unknown>> {
  const find = (): Record<string, unknown> | undefined => framesOfType(socket.frames, type).find((f) => typeof f['text'] === 'string' && f['text'].includes(part));
  await waitFor(() => find() !== undefined, `a "${type}" frame with "${part}"; got ${JSON.stringify(socket.frames)}`, timeoutMs);
  const frame = find();
  if (frame === undefined) throw new Error('unreachable');
  return frame;
}
