// Home: the newest videos, a search with its result count, and the feed of your subscriptions when signed in.
import { useState } from 'preact/hooks';
import { useQuery } from '@urql/preact';
import { Home } from '../operations';
import type { HomeQuery, HomeQueryVariables } from '../generated/graphql';
import { errorText, FormError, Loading, VideoGrid } from '../components';
import { href, navigate } from '../router';
import { t } from '../strings';

export function HomePage({ search, signedIn }: { search: string; signedIn: boolean }) {
  const [text, setText] = useState(search);
  const [count, setCount] = useState(12);
  const [{ data, fetching, error, operation }, refresh] = useQuery<HomeQuery, HomeQueryVariables>({
    query: Home, requestPolicy: 'cache-and-network',
    variables: { search: search || null, count, signedIn },
  });
  // While a new search runs, the previous answer is still at hand: show it only for the words it answers.
  const videos = operation?.variables?.search === (search || null) ? data?.videos : undefined;
  return (
    <>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setCount(12);
          // Searching again for the same words asks the server again.
          if (text.trim() === search) refresh({ requestPolicy: 'network-only' });
          else navigate(href.home(text.trim()));
        }}
      >
        <label for="search" class="visually-hidden">
          {t.home.search}
        </label>
        <input id="search" type="search" value={text} placeholder={t.home.search} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit">{t.home.searchButton}</button>
      </form>
      {!search && data?.viewer && data.viewer.feed.nodes.length > 0 && (
        <section aria-labelledby="feed-title">
          <h2 id="feed-title">{t.home.feed}</h2>
          <VideoGrid videos={data.viewer.feed.nodes} label={t.home.feed} />
        </section>
      )}
      <section aria-labelledby="latest-title">
        <h1 id="latest-title">{search ? (videos ? t.home.results(videos.totalCount, search) : t.home.searching(search)) : t.home.title}</h1>
        <FormError message={error ? errorText(error) : undefined} />
        {videos && <VideoGrid videos={videos.nodes} label={t.home.title} />}
        {videos && videos.nodes.length === 0 && <p>{t.home.empty}</p>}
        {fetching && !videos && <Loading />}
        {videos?.pageInfo.hasNextPage && (
          <button type="button" onClick={() => setCount(Math.min(100, count + 12))}>
            {t.home.more}
          </button>
        )}
      </section>
    </>
  );
}
