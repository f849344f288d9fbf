// Watch: the player, views, like, share, subscribe, add to playlist, and comments with replies and paging.
import { useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import {
  AddComment, AddPlaylistItem, CreatePlaylist, DeleteComment, LikeVideo, MyPlaylists, RecordView, UnlikeVideo, Watch,
} from '../operations';
import type { MeQuery, MyPlaylistsQuery, WatchQuery, WatchQueryVariables } from '../generated/graphql';
import { errorText, Avatar, date, Field, FormError, FormErrors, Loading } from '../components';
import { Player } from '../player';
import { href } from '../router';
import { t } from '../strings';
import { SubscribeButton } from './Channel';

type Video = NonNullable<WatchQuery['video']>;
type Comment = Video['comments']['nodes'][number];

export function WatchPage({ id, me }: { id: string; me: MeQuery['viewer'] | undefined }) {
  const [comments, setComments] = useState(10);
  const [{ data, fetching, error }] = useQuery<WatchQuery, WatchQueryVariables>({ query: Watch, requestPolicy: 'cache-and-network', variables: { id, comments } });
  const [, recordView] = useMutation(RecordView);
  const video = data?.video;
  if (!video) return fetching ? <Loading /> : <FormError message={error ? errorText(error) : t.video.notFound} />;
  document.title = `${video.title} · ${t.appName}`;
  return (
    <article class="watch" aria-labelledby="video-title">
      {video.playback && video.playable ? (
        <Player
          src={video.playback.hlsUrl}
          title={video.title}
          captions={video.captions}
          storyboardUrl={video.storyboard?.vttUrl}
          onPlaying={() => recordView({ input: { videoId: video.id } })}
        />
      ) : (
        <p class="notice">{t.video.processing}</p>
      )}
      <h1 id="video-title">{video.title}</h1>
      <div class="watch-bar">
        <p class="views">{t.video.views(video.viewCount)} · {date(video.createdAt)}</p>
        <LikeButton video={video} signedIn={Boolean(me)} />
        <ShareButton id={video.id} />
        {me && <AddToPlaylist videoId={video.id} />}
      </div>
      <div class="channel-line">
        <a href={href.channel(video.channel.handle)} class="channel-link">
          <Avatar url={video.channel.avatarUrl} name={video.channel.displayName} />
          <span>
            <strong>{video.channel.displayName}</strong>
            <br />
            <span class="muted">{t.channel.subscribers(video.channel.subscriberCount)}</span>
          </span>
        </a>
        {me && me.channel.id !== video.channel.id && <SubscribeButton channel={video.channel} />}
      </div>
      {video.description && <p class="description">{video.description}</p>}
      <Comments video={video} me={me} onMore={() => setComments(Math.min(100, comments + 10))} />
    </article>
  );
}

function LikeButton({ video, signedIn }: { video: Video; signedIn: boolean }) {
  const [{ fetching }, like] = useMutation(LikeVideo);
  const [, unlike] = useMutation(UnlikeVideo);
  const toggle = () => (video.viewerHasLiked ? unlike : like)({ input: { videoId: video.id } });
  return (
    <button type="button" class="like" aria-pressed={video.viewerHasLiked} disabled={!signedIn || fetching} onClick={toggle}>
      {video.viewerHasLiked ? t.video.unlike : t.video.like} · <span class="like-count">{video.likeCount}</span>
    </button>
  );
}

function ShareButton({ id }: { id: string }) {
  const [shown, setShown] = useState(false);
  const url = `${location.origin}/${href.watch(id)}`;
  return (
    <span class="share">
      <button
        type="button"
        onClick={() => {
          setShown(true);
          navigator.clipboard?.writeText(url).catch(() => {});
        }}
      >
        {t.video.share}
      </button>
      {shown && (
        <input class="share-url" readOnly value={url} aria-label={t.video.copied} onFocus={(e) => e.currentTarget.select()} />
      )}
    </span>
  );
}

function AddToPlaylist({ videoId }: { videoId: string }) {
  const [open, setOpen] = useState(false);
  const [{ data }] = useQuery<MyPlaylistsQuery>({ query: MyPlaylists, pause: !open });
  const [, add] = useMutation(AddPlaylistItem);
  const [, create] = useMutation(CreatePlaylist);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState(new FormErrors());
  const [added, setAdded] = useState<string[]>([]);
  const addTo = async (playlistId: string) => {
    const result = await add({ input: { playlistId, videoId } });
    const payload = result.data?.addPlaylistItem;
    setErrors(FormErrors.from(payload?.errors, result.error));
    if (payload?.playlist) setAdded((a) => [...a, playlistId]);
  };
  const createAndAdd = async (e: Event) => {
    e.preventDefault();
    const result = await create({ input: { title, visibility: 'PUBLIC' } });
    const payload = result.data?.createPlaylist;
    setErrors(FormErrors.from(payload?.errors, result.error));
    if (payload?.playlist) {
      setTitle('');
      await addTo(payload.playlist.id);
    }
  };
  return (
    <div class="add-playlist">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t.video.addToPlaylist}
      </button>
      {open && (
        <div class="popover" role="group" aria-label={t.video.addToPlaylist}>
          <ul>
            {data?.viewer?.channel.playlists.nodes.map((p) => (
              <li key={p.id}>
                <button type="button" disabled={added.includes(p.id)} onClick={() => addTo(p.id)}>
                  {added.includes(p.id) ? `${t.video.added}: ` : ''}
                  {p.title}
                </button>
              </li>
            ))}
          </ul>
          <form onSubmit={createAndAdd}>
            <Field label={t.video.newPlaylist} name="title" value={title} onInput={setTitle} error={errors.for('title')} required />
            <button type="submit">{t.video.create}</button>
          </form>
          <FormError message={errors.rest(['title'])} />
        </div>
      )}
    </div>
  );
}

function Comments({ video, me, onMore }: { video: Video; me: MeQuery['viewer'] | undefined; onMore: () => void }) {
  const comments = video.comments;
  return (
    <section class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t.comments.title(video.commentCount)}</h2>
      {me ? <CommentForm videoId={video.id} /> : <p>{t.comments.signIn}</p>}
      <ol class="comment-list">
        {comments.nodes.map((c) => (
          <CommentItem key={c.id} comment={c} videoId={video.id} me={me} />
        ))}
      </ol>
      {comments.pageInfo.hasNextPage && (
        <button type="button" onClick={onMore}>
          {t.comments.more}
        </button>
      )}
    </section>
  );
}

function CommentForm({ videoId, parentId, onDone }: { videoId: string; parentId?: string; onDone?: () => void }) {
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState(new FormErrors());
  const [{ fetching }, addComment] = useMutation(AddComment);
  const submit = async (e: Event) => {
    e.preventDefault();
    const result = await addComment({ input: { videoId, body, parentId } });
    const payload = result.data?.addComment;
    setErrors(FormErrors.from(payload?.errors, result.error));
    if (payload?.comment) {
      setBody('');
      onDone?.();
    }
  };
  return (
    <form class="comment-form" onSubmit={submit}>
      <Field
        label={parentId ? t.comments.replyLabel : t.comments.add}
        name="body"
        multiline
        required
        value={body}
        onInput={setBody}
        error={errors.for('body')}
      />
      <FormError message={errors.rest(['body'])} />
      <button type="submit" disabled={fetching || !body.trim()}>
        {parentId ? t.comments.postReply : t.comments.post}
      </button>
    </form>
  );
}

function CommentItem({
  comment, videoId, me, reply = false,
}: { comment: Comment | Comment['replies']['nodes'][number]; videoId: string; me: MeQuery['viewer'] | undefined; reply?: boolean }) {
  const [replying, setReplying] = useState(false);
  const [, remove] = useMutation(DeleteComment);
  const replies = 'replies' in comment ? comment.replies.nodes : [];
  return (
    <li class="comment">
      <div class="comment-head">
        <Avatar url={comment.author.avatarUrl} name={comment.author.displayName} size={32} />
        <a href={href.channel(comment.author.handle)}>{comment.author.displayName}</a>
        <span class="muted">{date(comment.createdAt)}</span>
      </div>
      <p class="comment-body">{comment.body}</p>
      <div class="comment-actions">
        {!reply && me && (
          <button type="button" class="link" aria-expanded={replying} onClick={() => setReplying(!replying)}>
            {t.comments.reply}
          </button>
        )}
        {comment.viewerCanDelete && (
          <button type="button" class="link" onClick={() => remove({ input: { commentId: comment.id } })}>
            {t.comments.delete}
          </button>
        )}
        {!reply && comment.replyCount > 0 && <span class="muted">{t.comments.replies(comment.replyCount)}</span>}
      </div>
      {replying && <CommentForm videoId={videoId} parentId={comment.id} onDone={() => setReplying(false)} />}
      {replies.length > 0 && (
        <ol class="replies">
          {replies.map((r) => (
            <CommentItem key={r.id} comment={r} videoId={videoId} me={me} reply />
          ))}
        </ol>
      )}
    </li>
  );
}
