// urql with Graphcache (normalised cache, schema-aware) and the graphql-ws subscription exchange against our server.
// Value objects without an id (connections, edges, payloads, PageInfo, ...) are declared embedded (`keys: () => null`,
// as urql's documentation asks); every other type must be keyable by its id, so Graphcache prints no "entity without
// key" warning. Prints one JSON line with the warnings seen and what the cache holds.
// node clients/urql.mjs <graphql url> <ws url> <bearer token> <video id> <schema.graphql>
import { readFileSync } from 'node:fs';
import { Client, fetchExchange, gql, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { buildSchema, introspectionFromSchema, isObjectType } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { pipe, subscribe } from 'wonka';

const [url, wsUrl, token, videoId, schemaPath] = process.argv.slice(2);
const timer = setTimeout(() => { console.log(JSON.stringify({ error: 'timeout' })); process.exit(3); }, 60_000);
const warnings = [];
const warn = console.warn;
console.warn = (...args) => { warnings.push(args.map(String).join(' ')); };

const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const embedded = Object.values(schema.getTypeMap())
  .filter((t) => isObjectType(t) && !t.name.startsWith('__') && !t.getFields().id)
  .filter((t) => ![schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(t))
  .map((t) => t.name);
const wsClient = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}` } });
const client = new Client({
  url,
  fetchOptions: { headers: { authorization: `Bearer ${token}` } },
  exchanges: [
    cacheExchange({
      schema: introspectionFromSchema(schema),
      keys: Object.fromEntries(embedded.map((name) => [name, () => null])),
    }),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: wsClient.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  ],
});

const VIDEO = gql`query UrqlVideo($id: ID!) { video(id: $id) { id title likeCount viewerHasLiked commentCount
  renditions { name bandwidth } thumbnail { url expiresAt } playback { hlsUrl expiresAt }
  channel { id handle subscriberCount owner { id handle } }
  comments(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id body author { id handle }
    video { id } parent { id } } } } } viewer { id email channel { id } dashboard { id totalVideos } } }`;
const LIKE = gql`mutation UrqlLike($input: LikeVideoInput!) { likeVideo(input: $input) {
  video { id likeCount viewerHasLiked } errors { code field message } } }`;
const STATUS = gql`subscription UrqlStatus($id: ID!) { videoStatusChanged(videoId: $id) {
  id status progress { stage percent } video { id title } } }`;

const loaded = await client.query(VIDEO, { id: videoId }).toPromise();
const liked = await client.mutation(LIKE, { input: { videoId } }).toPromise();
const cached = await client.query(VIDEO, { id: videoId }, { requestPolicy: 'cache-only' }).toPromise();

console.log(JSON.stringify({ step: 'mutated', loaded: loaded.error?.message ?? null }));
const newTitle = `Urql ${Date.now()}`;
await new Promise((resolve) => {
  let seen = 0;
  const { unsubscribe } = pipe(
    client.subscription(STATUS, { id: videoId }),
    subscribe(async (result) => {
      seen += 1;
      if (seen === 1) {
        await (await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: 'mutation($i: UpdateVideoInput!) { updateVideo(input: $i) { errors { code } } }',
            variables: { i: { videoId, title: newTitle } },
          }),
        })).text();
      }
      if (result.data?.videoStatusChanged?.video?.title === newTitle) { unsubscribe(); resolve(); }
    }),
  );
});
const afterEvent = await client.query(VIDEO, { id: videoId }, { requestPolicy: 'cache-only' }).toPromise();

console.warn = warn;
console.log(JSON.stringify({
  errors: [loaded.error?.message, liked.error?.message].filter(Boolean),
  likeErrors: liked.data?.likeVideo?.errors?.length,
  likeCountBefore: loaded.data?.video?.likeCount,
  likeCountCached: cached.data?.video?.likeCount,
  likedCached: cached.data?.video?.viewerHasLiked,
  titleCached: afterEvent.data?.video?.title,
  expectedTitle: newTitle,
  embedded: embedded.length,
  warnings,
}));
clearTimeout(timer);
await wsClient.dispose();
process.exit(0);
