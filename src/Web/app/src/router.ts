// Hash routes (#/watch/ID): every page is a link that can be shared, and the server needs no fallback route.
import { useEffect, useState } from 'preact/hooks';

export type Route = { page: string; param?: string; query: URLSearchParams };

export function parse(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', param] = path.split('/').map(decodeURIComponent);
  return { page: page || 'home', param, query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parse(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export const href = {
  home: (search?: string) => (search ? `#/?q=${encodeURIComponent(search)}` : '#/'),
  watch: (id: string) => `#/watch/${encodeURIComponent(id)}`,
  channel: (handle: string) => `#/channel/${encodeURIComponent(handle)}`,
  playlist: (id: string) => `#/playlist/${encodeURIComponent(id)}`,
  playlists: () => '#/playlists',
  history: () => '#/history',
  studio: () => '#/studio',
  signIn: () => '#/signin',
  register: () => '#/register',
  verify: () => '#/verify',
};

export function navigate(to: string) {
  location.hash = to.replace(/^#/, '');
}
