// The GraphQL client: urql with a normalised cache (graphcache), so that a like, a comment or a status change
// updates every place the object appears; subscriptions over graphql-transport-ws (graphql-ws). Lists grow by
// asking for more rows (first: n) rather than merging cursor pages: simple, and a list is always one consistent read.
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange, type Cache, type Entity } from '@urql/exchange-graphcache';
import { createClient as createWsClient } from 'graphql-ws';
import { authorizedFetch, session } from './auth';

// Types without an id are kept inside their parent.
const embedded = [
  'PageInfo', 'VideoProgress', 'Rendition', 'Caption', 'Storyboard', 'Thumbnail', 'SignedLink', 'Playback',
  'UserError', 'VideoDownload', 'ServerInfo', 'VideoConnection', 'VideoEdge', 'CommentConnection', 'CommentEdge',
  'PlaylistConnection', 'PlaylistEdge', 'PlaylistItemConnection', 'PlaylistItemEdge', 'ChannelConnection',
  'ChannelEdge', 'WatchHistoryConnection', 'WatchHistoryEdge',
];
const keys = Object.fromEntries(embedded.map((t) => [t, () => null]));

/** Drops every cached value of a field (all its argument sets but `keep`), so the queries showing it fetch again.
 * A mutation must not select what its own update drops: its result would read back without it. */
function invalidateField(
  cache: Cache,
  entity: Entity,
  field: string,
  keep?: (args: Record<string, unknown>) => boolean,
) {
  if (!entity) return;
  for (const f of cache.inspectFields(entity)) {
    if (f.fieldName === field && !keep?.(f.arguments ?? {})) cache.invalidate(entity, f.fieldName, f.arguments ?? undefined);
  }
}

// The count a payload brings back (items(first: 1) { totalCount }) is written, not dropped.
const countOnly = (args: Record<string, unknown>) => args.first === 1 && Object.keys(args).length === 1;

// The signed-in viewer and its channel as cache keys (null when not cached): what their lists are invalidated on.
const viewer = (cache: Cache) => cache.resolve('Query', 'viewer') as string | null;
const viewerChannel = (cache: Cache) => {
  const key = viewer(cache);
  return key ? (cache.resolve(key, 'channel') as string | null) : null;
};
type Payload = Record<string, any> | null | undefined;

export function createClient(): Client {
  const ws = createWsClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => (session.accessToken ? { Authorization: `Bearer ${session.accessToken}` } : {}),
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  const client = new Client({
    url: '/graphql',
    fetch: authorizedFetch,
    preferGetMethod: false,
    // Pages read the cache first; mutations' updates and the status subscription keep it true. The lists others
    // change (home, channels, a video's comments) ask for cache-and-network themselves.
    requestPolicy: 'cache-first',
    exchanges: [
      cacheExchange({
        keys,
        updates: {
          Mutation: {
            addComment(result: Payload, args: any, cache) {
              const payload = result?.addComment;
              if (!payload?.comment) return;
              if (payload.parent) invalidateField(cache, { __typename: 'Comment', id: payload.parent.id }, 'replies');
              else invalidateField(cache, { __typename: 'Video', id: args.input.videoId }, 'comments');
            },
            deleteComment(result: Payload, _args, cache) {
              const id = result?.deleteComment?.deletedCommentId;
              if (id) cache.invalidate({ __typename: 'Comment', id });
            },
            deleteVideo(result: Payload, _args, cache) {
              const id = result?.deleteVideo?.deletedVideoId;
              if (id) cache.invalidate({ __typename: 'Video', id });
            },
            subscribeToChannel(result: Payload, _args, cache) {
              if (result?.subscribeToChannel?.channel) invalidateField(cache, viewer(cache), 'feed');
            },
            unsubscribeFromChannel(result: Payload, _args, cache) {
              if (result?.unsubscribeFromChannel?.channel) invalidateField(cache, viewer(cache), 'feed');
            },
            createPlaylist(result: Payload, _args, cache) {
              const playlist = result?.createPlaylist?.playlist;
              if (playlist) invalidateField(cache, viewerChannel(cache), 'playlists');
            },
            addPlaylistItem(result: Payload, _args, cache) {
              const playlist = result?.addPlaylistItem?.playlist;
              if (playlist) invalidateField(cache, { __typename: 'Playlist', id: playlist.id }, 'items', countOnly);
            },
            removePlaylistItem(result: Payload, _args, cache) {
              const playlist = result?.removePlaylistItem?.playlist;
              if (playlist) invalidateField(cache, { __typename: 'Playlist', id: playlist.id }, 'items', countOnly);
            },
            createVideoUpload(result: Payload, _args, cache) {
              if (result?.createVideoUpload?.video) invalidateField(cache, viewer(cache), 'dashboard');
            },
            recordView(result: Payload, _args, cache) {
              if (result?.recordView?.video) invalidateField(cache, viewer(cache), 'watchHistory');
            },
            clearWatchHistory(_result: Payload, _args, cache) {
              invalidateField(cache, viewer(cache), 'watchHistory');
            },
          },
          Subscription: {
            viewerVideoEvents(result: Payload, _args, cache) {
              // A video that became READY joins the public lists.
              const event = result?.viewerVideoEvents;
              if (event?.status === 'READY') invalidateField(cache, 'Query', 'videos');
            },
          },
        },
      }),
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
      fetchExchange,
    ],
  });
  return client;
}
