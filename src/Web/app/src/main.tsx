// The reference web app: a small video site on the public GraphQL API alone. Pages are hash routes; the urql client
// (recreated when the session changes) caches by id, so every page shows the same object the same way.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Provider, useMutation, useQuery } from '@urql/preact';
import { createClient } from './client';
import { session } from './auth';
import { Me, Logout } from './operations';
import type { MeQuery } from './generated/graphql';
import { href, navigate, useRoute } from './router';
import { t } from './strings';
import { HomePage } from './pages/Home';
import { WatchPage } from './pages/Watch';
import { ChannelPage } from './pages/Channel';
import { StudioPage } from './pages/Studio';
import { PlaylistPage, PlaylistsPage } from './pages/Playlists';
import { HistoryPage } from './pages/History';
import { RegisterPage, SignInPage, VerifyPage } from './pages/Auth';
import './style.css';

function Header({ me }: { me: MeQuery['viewer'] | undefined }) {
  const [, logout] = useMutation(Logout);
  const signOut = async () => {
    await logout({});
    session.clear();
    navigate(href.home());
  };
  return (
    <header class="top">
      <a class="skip" href="#main">
        {t.skip}
      </a>
      <a class="brand" href={href.home()}>
        {t.appName}
      </a>
      <nav aria-label={t.nav.main}>
        <ul>
          <li>
            <a href={href.home()}>{t.nav.home}</a>
          </li>
          {me ? (
            <>
              <li>
                <a href={href.studio()}>{t.nav.studio}</a>
              </li>
              <li>
                <a href={href.playlists()}>{t.nav.playlists}</a>
              </li>
              <li>
                <a href={href.history()}>{t.nav.history}</a>
              </li>
              <li>
                <a href={href.channel(me.user.handle)} class="me">
                  @{me.user.handle}
                </a>
              </li>
              <li>
                <button type="button" class="link" onClick={signOut}>
                  {t.nav.signOut}
                </button>
              </li>
            </>
          ) : (
            <>
              <li>
                <a href={href.signIn()}>{t.nav.signIn}</a>
              </li>
              <li>
                <a href={href.register()}>{t.nav.register}</a>
              </li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}

function Pages() {
  const route = useRoute();
  const [{ data }] = useQuery<MeQuery>({ query: Me, pause: !session.signedIn });
  const me = session.signedIn ? data?.viewer : undefined;
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
    scrollTo(0, 0);
  }, [route.page, route.param]);
  let page;
  switch (route.page) {
    case 'watch':
      page = <WatchPage id={route.param ?? ''} me={me} />;
      break;
    case 'channel':
      page = <ChannelPage handle={route.param ?? ''} me={me} />;
      break;
    case 'studio':
      page = <StudioPage />;
      break;
    case 'playlists':
      page = <PlaylistsPage />;
      break;
    case 'playlist':
      page = <PlaylistPage id={route.param ?? ''} />;
      break;
    case 'history':
      page = <HistoryPage />;
      break;
    case 'signin':
      page = <SignInPage />;
      break;
    case 'register':
      page = <RegisterPage />;
      break;
    case 'verify':
      page = <VerifyPage />;
      break;
    default:
      page = <HomePage search={route.query.get('q') ?? ''} signedIn={Boolean(me)} />;
  }
  return (
    <>
      <Header me={me} />
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <footer class="bottom">
        <a href="/graphql">GraphQL API</a>
      </footer>
    </>
  );
}

function App() {
  const [generation, setGeneration] = useState(0);
  // A new client (cache and socket) whenever someone signs in or out; a refreshed token keeps the client.
  useEffect(() => {
    let signedIn = session.signedIn;
    return session.onChange(() => {
      if (session.signedIn !== signedIn || !session.signedIn) setGeneration((g) => g + 1);
      signedIn = session.signedIn;
    });
  }, []);
  const client = useMemo(() => createClient(), [generation]);
  return (
    <Provider value={client}>
      <Pages key={generation} />
    </Provider>
  );
}

render(<App />, document.getElementById('root')!);
