// A plain Botkit 4 bot for `npm run bench:http`: Botkit's own dialog system (BotkitConversation) with its state in
// Redis, behind Express 5. A small botbuilder adapter collects the replies of a turn for the HTTP answer.
import express from 'express';
import { createClient } from 'redis';
import { Botkit, BotkitConversation } from 'botkit';
import { ActivityTypes, BotAdapter, TurnContext } from 'botbuilder';

const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', () => undefined);
await redis.connect();

/** botbuilder Storage on Redis: one MGET to read, one SET per changed key (with a TTL) to write. */
const storage = {
  async read(keys) {
    if (keys.length === 0) return {};
    const values = await redis.mGet(keys.map((k) => `botkit:${k}`));
    const items = {};
    keys.forEach((k, i) => {
      if (values[i]) items[k] = JSON.parse(values[i]);
    });
    return items;
  },
  async write(changes) {
    await Promise.all(Object.entries(changes).map(([k, v]) => redis.set(`botkit:${k}`, JSON.stringify(v), { expiration: { type: 'EX', value: 30 * 86_400 } })));
  },
  async delete(keys) {
    if (keys.length > 0) await redis.del(keys.map((k) => `botkit:${k}`));
  },
};

class CollectingAdapter extends BotAdapter {
  async process(activity, logic) {
    const context = new TurnContext(this, activity);
    const replies = [];
    context.turnState.set('replies', replies);
    await this.runMiddleware(context, logic);
    return replies;
  }
  async sendActivities(context, activities) {
    const replies = context.turnState.get('replies');
    return activities.map((a) => {
      const id = `${Date.now()}-${replies.length}`;
      if (a.type === ActivityTypes.Message) replies.push({ id, type: 'message', text: a.text ?? '', quick_replies: a.channelData?.quick_replies });
      return { id };
    });
  }
  async updateActivity() {}
  async deleteActivity() {}
  async continueConversation() {}
}

const adapter = new CollectingAdapter();
const controller = new Botkit({ adapter, storage, disable_webserver: true, disable_console: true });
const guide = new BotkitConversation('guide', controller);
guide.ask({ text: 'Who is it about?', channelData: { quick_replies: [{ title: 'Me', payload: 'choice:tenant' }, { title: 'Someone else', payload: 'choice:other' }] } }, async () => undefined, 'role');
guide.ask({ text: 'Which letter did you get?', channelData: { quick_replies: [{ title: 'A summons', payload: 'choice:dagvaarding' }] } }, async () => undefined, 'letter');
guide.ask('When is the court date?', async () => undefined, 'date');
guide.say('Thank you. This is what happens next, and what you can do today.');
controller.addDialog(guide);
controller.hears(['opnieuw'], 'message', async (bot) => {
  await bot.cancelAllDialogs();
  await bot.beginDialog('guide');
});
controller.on('message', async (bot) => {
  await bot.beginDialog('guide');
});

const app = express();
app.use(express.json({ limit: 4096 }));
app.post('/api/messages', async (req, res) => {
  const token = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
  if (!token || typeof req.body?.type !== 'string') return res.status(400).json({ error: { code: 'BAD_REQUEST' } });
  const text = req.body.payload ?? req.body.text ?? '';
  const activity = {
    type: ActivityTypes.Message,
    id: `${Date.now()}`,
    channelId: 'bench',
    conversation: { id: token },
    from: { id: token },
    recipient: { id: 'bot' },
    text,
  };
  const replies = await adapter.process(activity, controller.handleTurn.bind(controller));
  res.json(replies);
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`);
});
