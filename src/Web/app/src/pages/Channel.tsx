// Channel: banner, avatar, subscriber count and the subscribe button, its videos and playlists.
import { useMutation, useQuery } from '@urql/preact';
import { Channel, Subscribe, Unsubscribe } from '../operations';
import type { ChannelQuery, ChannelQueryVariables, MeQuery } from '../generated/graphql';
import { errorText, Avatar, FormError, Loading, VideoGrid } from '../components';
import { href } from '../router';
import { t } from '../strings';

export function SubscribeButton({ channel }: { channel: { id: string; viewerIsSubscribed: boolean } }) {
  const [{ fetching }, subscribe] = useMutation(Subscribe);
  const [, unsubscribe] = useMutation(Unsubscribe);
  const toggle = () => (channel.viewerIsSubscribed ? unsubscribe : subscribe)({ input: { channelId: channel.id } });
  return (
    <button type="button" class="subscribe" aria-pressed={channel.viewerIsSubscribed} disabled={fetching} onClick={toggle}>
      {channel.viewerIsSubscribed ? t.channel.subscribed : t.channel.subscribe}
    </button>
  );
}

export function ChannelPage({ handle, me }: { handle: string; me: MeQuery['viewer'] | undefined }) {
  const [{ data, fetching, error }] = useQuery<ChannelQuery, ChannelQueryVariables>({ query: Channel, requestPolicy: 'cache-and-network', variables: { handle } });
  const channel = data?.channel;
  if (!channel) return fetching ? <Loading /> : <FormError message={error ? errorText(error) : t.channel.notFound} />;
  document.title = `${channel.displayName} · ${t.appName}`;
  return (
    <article class="channel" aria-labelledby="channel-title">
      <div class="banner" style={channel.bannerUrl ? { backgroundImage: `url("${channel.bannerUrl}")` } : undefined} />
      <div class="channel-head">
        <Avatar url={channel.avatarUrl} name={channel.displayName} size={80} />
        <div>
          <h1 id="channel-title">{channel.displayName}</h1>
          <p class="muted">
            @{channel.handle} · <span class="subscriber-count">{t.channel.subscribers(channel.subscriberCount)}</span>
          </p>
          {channel.bio && <p>{channel.bio}</p>}
        </div>
        {me && me.channel.id !== channel.id && <SubscribeButton channel={channel} />}
      </div>
      <section aria-labelledby="channel-videos">
        <h2 id="channel-videos">{t.channel.videos}</h2>
        <VideoGrid videos={channel.videos.nodes} label={t.channel.videos} />
      </section>
      {channel.playlists.nodes.length > 0 && (
        <section aria-labelledby="channel-playlists">
          <h2 id="channel-playlists">{t.channel.playlists}</h2>
          <ul class="list">
            {channel.playlists.nodes.map((p) => (
              <li key={p.id}>
                <a href={href.playlist(p.id)}>{p.title}</a> <span class="muted">{t.playlists.items(p.items.totalCount)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
