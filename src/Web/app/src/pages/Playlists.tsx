// Your playlists (create one), and a playlist's page with its videos in order.
import { useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { CreatePlaylist, MyPlaylists, Playlist, RemovePlaylistItem } from '../operations';
import type { MyPlaylistsQuery, PlaylistQuery, PlaylistQueryVariables } from '../generated/graphql';
import { errorText, Field, FormError, FormErrors, Loading, VideoCard } from '../components';
import { href } from '../router';
import { t } from '../strings';

export function PlaylistsPage() {
  const [{ data, fetching, error }] = useQuery<MyPlaylistsQuery>({ query: MyPlaylists });
  const [, create] = useMutation(CreatePlaylist);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState(new FormErrors());
  if (!data?.viewer) return fetching ? <Loading /> : <FormError message={error ? errorText(error) : t.errors.signInRequired} />;
  const playlists = data.viewer.channel.playlists;
  const submit = async (e: Event) => {
    e.preventDefault();
    const result = await create({ input: { title } });
    setErrors(FormErrors.from(result.data?.createPlaylist?.errors, result.error));
    if (result.data?.createPlaylist?.playlist) setTitle('');
  };
  return (
    <section aria-labelledby="playlists-title">
      <h1 id="playlists-title">{t.playlists.title}</h1>
      <form class="inline-form" onSubmit={submit}>
        <Field label={t.playlists.name} name="title" value={title} onInput={setTitle} error={errors.for('title')} required />
        <button type="submit">{t.playlists.create}</button>
      </form>
      <FormError message={errors.rest(['title'])} />
      {playlists.nodes.length === 0 && <p>{t.playlists.empty}</p>}
      <ul class="list">
        {playlists.nodes.map((p) => (
          <li key={p.id}>
            <a href={href.playlist(p.id)}>{p.title}</a>{' '}
            <span class="muted">
              {t.playlists.items(p.items.totalCount)} · {t.studio.visibilities[p.visibility]}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PlaylistPage({ id }: { id: string }) {
  const [{ data, fetching }] = useQuery<PlaylistQuery, PlaylistQueryVariables>({ query: Playlist, variables: { id } });
  const [, remove] = useMutation(RemovePlaylistItem);
  const playlist = data?.playlist;
  if (!playlist) return fetching ? <Loading /> : <FormError message={t.playlists.notFound} />;
  return (
    <section aria-labelledby="playlist-title">
      <h1 id="playlist-title">{playlist.title}</h1>
      <p class="muted">
        <a href={href.channel(playlist.owner.handle)}>{playlist.owner.displayName}</a> ·{' '}
        {t.playlists.items(playlist.items.totalCount)}
      </p>
      {playlist.description && <p>{playlist.description}</p>}
      <ol class="grid">
        {playlist.items.nodes.map((item) => (
          <VideoCard key={item.id} video={item.video}>
            {playlist.viewerCanUpdate && (
              <button type="button" class="link" onClick={() => remove({ input: { playlistId: playlist.id, videoId: item.video.id } })}>
                {t.playlists.remove}
              </button>
            )}
          </VideoCard>
        ))}
      </ol>
    </section>
  );
}
