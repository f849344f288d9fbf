// The reference subscription server the subscription benchmark measures ours against, in the same run and with the
// same clients: graphql-ws (the protocol's reference implementation) on `ws`, executing one subscription field with
// graphql-js. Each connection belongs to the user named by its connection_init token; POST /publish {"user": token}
// stamps an event and pushes it to every subscription of that user, as our event bus does for viewerVideoEvents.
// Loopback only; it stops when its parent closes stdin.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { buildSchema } from 'graphql';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type VideoEvent { id: ID! status: String! occurredAt: String! }
  type Subscription { viewerVideoEvents: VideoEvent! }
`);

const subscribers = new Map(); // user token -> Set of push functions

function feedOf(user) {
  const queue = [];
  let wake = null;
  const push = (event) => {
    queue.push(event);
    if (wake) { wake(); wake = null; }
  };
  let set = subscribers.get(user);
  if (!set) subscribers.set(user, (set = new Set()));
  set.add(push);
  return {
    [Symbol.asyncIterator]() { return this; },
    async next() {
      while (queue.length === 0) await new Promise((resolve) => (wake = resolve));
      return { value: { viewerVideoEvents: queue.shift() }, done: false };
    },
    async return() {
      set.delete(push);
      return { value: undefined, done: true };
    },
  };
}

const http = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/publish') {
    response.writeHead(404).end();
    return;
  }
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const { user, videoId } = JSON.parse(body);
    const event = { id: `${videoId}:${Date.now()}`, status: 'READY', occurredAt: new Date().toISOString() };
    for (const push of subscribers.get(user) ?? []) push(event);
    response.writeHead(204).end();
  });
});

const wss = new WebSocketServer({ server: http, path: '/graphql' });
useServer(
  {
    schema,
    context: (ctx) => ({ user: ctx.connectionParams?.Authorization }),
    roots: { subscription: { viewerVideoEvents: (_args, context) => feedOf(context.user) } },
  },
  wss,
);

http.listen(0, '127.0.0.1', () => console.log(`listening ${http.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
