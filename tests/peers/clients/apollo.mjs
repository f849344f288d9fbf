// Apollo Client 4 (InMemoryCache with default policies plus Relay-style pagination for one list, the persisted-query
// link over HTTP, graphql-ws for subscriptions) as a frontend uses it against our server. Prints one JSON line with
// what it observed in its cache.
// node clients/apollo.mjs <graphql url> <ws url> <bearer token> <video id>
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql, split } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, wsUrl, token, videoId] = process.argv.slice(2);
const timer = setTimeout(() => { console.log(JSON.stringify({ error: 'timeout' })); process.exit(3); }, 60_000);
// Every operation the HTTP link sends, by name (the persisted-query link may send one twice: hash, then document).
const sent = [];
const countingFetch = (input, init) => {
  sent.push(init?.body ? JSON.parse(init.body).operationName : new URL(input).searchParams.get('operationName'));
  return fetch(input, init);
};
const wsClient = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}` } });
const link = split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  },
  new GraphQLWsLink(wsClient),
  new PersistedQueryLink({ sha256: (text) => createHash('sha256').update(text).digest('hex') }).concat(
    new HttpLink({ uri: url, fetch: countingFetch, headers: { authorization: `Bearer ${token}` } }),
  ),
);
const cache = new InMemoryCache({ typePolicies: { Video: { fields: { comments: relayStylePagination() } } } });
const client = new ApolloClient({ cache, link });

const COMMENTS = gql`query VideoComments($id: ID!, $after: String) {
  video(id: $id) { id title commentCount comments(first: 2, after: $after) {
    edges { cursor node { id body } } pageInfo { hasNextPage endCursor } } } }`;
const ADD = gql`mutation AddComment($input: AddCommentInput!) { addComment(input: $input) {
  comment { id body } commentEdge { cursor node { id } } video { id commentCount } errors { code } } }`;
const STATUS = gql`subscription VideoStatus($id: ID!) { videoStatusChanged(videoId: $id) {
  id status video { id title } } }`;
const COUNT = gql`fragment CommentCount on Video { commentCount }`;
const TITLE = gql`fragment Title on Video { title }`;
const videoRef = cache.identify({ __typename: 'Video', id: videoId });

// 1. A paged list: the first page, then fetchMore for the next, merged into one list in the cache.
const observable = client.watchQuery({ query: COMMENTS, variables: { id: videoId } });
const first = await new Promise((resolve, reject) => {
  const subscription = observable.subscribe({
    next: (result) => { if (result.data?.video) { subscription.unsubscribe(); resolve(result.data); } },
    error: reject,
  });
});
await observable.fetchMore({ variables: { after: first.video.comments.pageInfo.endCursor } });
console.log(JSON.stringify({ step: 'paged' }));
const merged = client.readQuery({ query: COMMENTS, variables: { id: videoId } }).video.comments;

// 2. addComment: the payload's video updates the cached record's commentCount; nothing is refetched.
const before = cache.readFragment({ id: videoRef, fragment: COUNT }).commentCount;
const sentBefore = sent.length;
const added = await client.mutate({ mutation: ADD, variables: { input: { videoId, body: 'From Apollo' } } });
const after = cache.readFragment({ id: videoRef, fragment: COUNT }).commentCount;
const otherRequestsForMutation = sent.slice(sentBefore).filter((name) => name !== 'AddComment').length;
console.log(JSON.stringify({ step: 'mutated' }));

// 3. The status subscription: a change made elsewhere (a plain fetch, not this client) arrives as an event whose
// video updates the cached record.
const newTitle = `Renamed ${Date.now()}`;
const sentBeforeEvent = sent.length;
const events = [];
await new Promise((resolve, reject) => {
  const subscription = client.subscribe({ query: STATUS, variables: { id: videoId } }).subscribe({
    next: async (result) => {
      events.push(result.data.videoStatusChanged);
      if (events.length === 1) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: 'mutation($i: UpdateVideoInput!) { updateVideo(input: $i) { errors { code } } }',
            variables: { i: { videoId, title: newTitle } },
          }),
        });
        await response.text();
      }
      if (result.data.videoStatusChanged.video?.title === newTitle) { subscription.unsubscribe(); resolve(); }
    },
    error: reject,
  });
});
const titleInCache = cache.readFragment({ id: videoRef, fragment: TITLE }).title;

console.log(JSON.stringify({
  firstPage: first.video.comments.edges.length,
  mergedEdges: merged.edges.length,
  hasNextPage: merged.pageInfo.hasNextPage,
  commentCountBefore: before,
  commentCountAfter: after,
  addErrors: added.data.addComment.errors.length,
  otherRequestsForMutation,
  events: events.length,
  titleInCache,
  expectedTitle: newTitle,
  requestsDuringEvents: sent.length - sentBeforeEvent,
  sent,
}));
clearTimeout(timer);
client.stop();
await wsClient.dispose();
process.exit(0);
