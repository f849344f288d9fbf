// A real graphql-ws client (the graphql-ws package, not our code) subscribing over graphql-transport-ws. Prints one
// JSON line per message it receives, then {"done":...} when the subscription ends or a terminal status arrives.
// node subscribe.mjs <ws url> <bearer token or -> <query> [variables json] [stopOnStatus,...]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, query, variables = '{}', stopOn = 'READY,FAILED'] = process.argv.slice(2);
const terminal = new Set(stopOn.split(','));
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  connectionParams: token && token !== '-' ? { Authorization: `Bearer ${token}` } : {},
  on: { connected: () => console.log(JSON.stringify({ connected: true })) },
});
const timer = setTimeout(() => { console.log(JSON.stringify({ done: 'timeout' })); process.exit(3); }, 180_000);
const finish = async (how) => {
  clearTimeout(timer);
  console.log(JSON.stringify({ done: how }));
  await client.dispose();
  process.exit(0);
};

client.subscribe({ query, variables: JSON.parse(variables) }, {
  next: (result) => {
    console.log(JSON.stringify({ next: result }));
    const event = result.data && Object.values(result.data)[0];
    if (event && terminal.has(event.status)) finish('terminal');
  },
  error: (error) => {
    console.log(JSON.stringify({ error: error instanceof Error ? { message: error.message } : error }));
    finish('error');
  },
  complete: () => finish('complete'),
});
