// Watch history: what you watched, newest first; pause it or clear it.
import { useMutation, useQuery } from '@urql/preact';
import { ClearHistory, History, PauseHistory } from '../operations';
import type { HistoryQuery } from '../generated/graphql';
import { errorText, FormError, Loading, VideoGrid } from '../components';
import { t } from '../strings';

export function HistoryPage() {
  const [{ data, fetching, error }] = useQuery<HistoryQuery>({ query: History });
  const [, clear] = useMutation(ClearHistory);
  const [, pause] = useMutation(PauseHistory);
  const viewer = data?.viewer;
  if (!viewer) return fetching ? <Loading /> : <FormError message={error ? errorText(error) : t.errors.signInRequired} />;
  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">{t.history.title}</h1>
      <div class="toolbar">
        <button type="button" onClick={() => pause({ input: { paused: !viewer.watchHistoryPaused } })}>
          {viewer.watchHistoryPaused ? t.history.resume : t.history.pause}
        </button>
        <button type="button" onClick={() => clear({})} disabled={viewer.watchHistory.totalCount === 0}>
          {t.history.clear}
        </button>
      </div>
      {viewer.watchHistoryPaused && <p role="status">{t.history.paused}</p>}
      {viewer.watchHistory.totalCount === 0 && <p>{t.history.empty}</p>}
      <VideoGrid videos={viewer.watchHistory.edges.map((e) => e.node)} label={t.history.title} />
    </section>
  );
}
