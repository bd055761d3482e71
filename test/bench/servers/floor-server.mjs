// The floor for `npm run bench:http`: what a turn must at least cost. Express 5 with a JSON body, the bearer token as
// the conversation id, one Redis GET and one SET (with a TTL) per turn, one reply. Plain JavaScript, no build step.
import express from 'express';
import { createClient } from 'redis';

const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', () => undefined);
await redis.connect();
const app = express();
app.use(express.json({ limit: 4096 }));
app.post('/api/messages', async (req, res) => {
  const token = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
  if (!token || typeof req.body?.type !== 'string') return res.status(400).json({ error: { code: 'BAD_REQUEST' } });
  const key = `floor:${token}`;
  const state = JSON.parse((await redis.get(key)) ?? '{"turn":0}');
  state.turn += 1;
  await redis.set(key, JSON.stringify(state), { expiration: { type: 'EX', value: 30 * 86_400 } });
  res.json([{ id: `${Date.now()}-${state.turn}`, type: 'message', text: `Turn ${state.turn}: what would you like to do?` }]);
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`);
});
