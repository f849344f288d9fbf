// Apollo Client (the real package: InMemoryCache, HttpLink, the persisted-query link) against our server. It runs one
// query twice with fresh caches, so the first run sends the hash alone, gets PERSISTED_QUERY_NOT_FOUND, sends the
// document with its hash, and the second run is served from the hash alone. Prints one JSON line per request the
// link sent and, last, the two results.
// node apq.mjs <graphql url>
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const [url] = process.argv.slice(2);
const sent = [];
const recordingFetch = async (input, init) => {
  const body = init?.body ? JSON.parse(init.body) : null;
  sent.push({ method: init?.method ?? 'GET', hasQuery: Boolean(body?.query), hash: body?.extensions?.persistedQuery?.sha256Hash });
  return fetch(input, init);
};
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const query = gql`query ApqServerName { serverInfo { name } }`;

async function run() {
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: url, fetch: recordingFetch })),
  });
  const result = await client.query({ query, fetchPolicy: 'network-only' });
  client.stop();
  return result.data;
}

const first = await run();
const second = await run();
for (const request of sent) console.log(JSON.stringify(request));
console.log(JSON.stringify({ first, second }));
