// Studio: upload over tus with progress and resume, every video's live status from the subscription, editing,
// poster, captions, delete, and the dashboard's figures.
import { useState } from 'preact/hooks';
import { useMutation, useQuery, useSubscription } from '@urql/preact';
import { AddCaption, CreateUpload, DeleteVideo, SetThumbnail, Studio, StudioEvents, UpdateVideo } from '../operations';
import type { StudioQuery } from '../generated/graphql';
import { errorText, duration, Field, FormError, FormErrors, Loading, thumbnail } from '../components';
import { session } from '../auth';
import { href } from '../router';
import { t } from '../strings';

type Video = NonNullable<StudioQuery['viewer']>['dashboard']['videos']['nodes'][number];

export function StudioPage() {
  const [{ data, fetching, error }] = useQuery<StudioQuery>({ query: Studio });
  // Status changes arrive here and update the cached videos (and every other page showing them).
  useSubscription({ query: StudioEvents, pause: !session.signedIn });
  const viewer = data?.viewer;
  if (!viewer) return fetching ? <Loading /> : <FormError message={error ? errorText(error) : t.errors.signInRequired} />;
  const d = viewer.dashboard;
  const figures: [string, number][] = [
    [t.studio.dashboard.videos, d.totalVideos],
    [t.studio.dashboard.views, d.totalViews],
    [t.studio.dashboard.likes, d.totalLikes],
    [t.studio.dashboard.comments, d.totalComments],
    [t.studio.dashboard.subscribers, d.subscriberCount],
  ];
  return (
    <>
      <h1>{t.studio.title}</h1>
      <dl class="figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {!viewer.emailVerified && (
        <p class="notice">
          <a href={href.verify()}>{t.studio.verifyFirst}</a>
        </p>
      )}
      <UploadForm />
      <section aria-labelledby="studio-videos">
        <h2 id="studio-videos">{t.studio.videos}</h2>
        <ul class="studio-list">
          {d.videos.nodes.map((v) => (
            <StudioVideo key={v.id} video={v} />
          ))}
        </ul>
      </section>
    </>
  );
}

function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [percent, setPercent] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const [errors, setErrors] = useState(new FormErrors());
  const [, createUpload] = useMutation(CreateUpload);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    const form = e.currentTarget as HTMLFormElement;
    const { Upload } = await import('tus-js-client');
    const options = {
      // Part of the file's fingerprint: the same for the first attempt and the look-up of an earlier one. The
      // session's own URL (uploadUrl below) is where the bytes go.
      endpoint: '/uploads/tus',
      retryDelays: [0, 1000, 3000, 5000, 10000],
      headers: { authorization: `Bearer ${session.accessToken}` },
      // The upload's URL is kept under the file's fingerprint until it finishes: a page closed mid-upload resumes
      // from the bytes the server has when the same file is chosen again, instead of making a second video.
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: (sent: number, total: number) => setPercent(Math.floor((sent / total) * 100)),
      onSuccess: () => {
        form.reset();
        setPercent(100);
        setNotice(t.studio.uploaded);
        setFile(null);
        setTitle('');
        setDescription('');
      },
      onError: (error: Error) => setErrors(new FormErrors([], error.message)),
    };
    const earlier = new Upload(file, options);
    const previous = await earlier.findPreviousUploads();
    if (previous.length) {
      setNotice(t.studio.resumed);
      setPercent(0);
      earlier.resumeFromPreviousUpload(previous[0]);
      earlier.start();
      return;
    }
    const result = await createUpload({
      input: { title, description: description || null, fileName: file.name, contentType: file.type || 'application/octet-stream', sizeBytes: file.size, protocol: 'TUS' },
    });
    const payload = result.data?.createVideoUpload;
    setErrors(FormErrors.from(payload?.errors, result.error));
    if (!payload?.video || !payload.upload?.tusUrl) return;
    setPercent(0);
    new Upload(file, { ...options, uploadUrl: payload.upload.tusUrl }).start();
  };
  return (
    <section aria-labelledby="upload-title" class="panel">
      <h2 id="upload-title">{t.studio.upload}</h2>
      <form onSubmit={submit}>
        <Field label={t.studio.file} name="fileName" error={errors.for('fileName') ?? errors.for('sizeBytes') ?? errors.for('contentType')}>
          <input id="upload-file" name="file" type="file" accept="video/*" required aria-label={t.studio.file} onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </Field>
        <Field label={t.studio.videoTitle} name="title" required value={title} onInput={setTitle} error={errors.for('title')} />
        <Field label={t.studio.description} name="description" multiline value={description} onInput={setDescription} error={errors.for('description')} />
        <FormError message={errors.rest(['fileName', 'sizeBytes', 'contentType', 'title', 'description'])} />
        <button type="submit" disabled={!file || (percent !== null && percent < 100)}>
          {t.studio.start}
        </button>
        {percent !== null && (
          <p>
            <progress max={100} value={percent} aria-label={t.studio.uploading(percent)} /> <span role="status">{t.studio.uploading(percent)}</span>
          </p>
        )}
        {notice && <p role="status">{notice}</p>}
      </form>
    </section>
  );
}

function StudioVideo({ video }: { video: Video }) {
  const [title, setTitle] = useState(video.title);
  const [description, setDescription] = useState(video.description ?? '');
  const [visibility, setVisibility] = useState<string>(video.visibility);
  const [at, setAt] = useState('1');
  const [saved, setSaved] = useState('');
  const [errors, setErrors] = useState(new FormErrors());
  const [, update] = useMutation(UpdateVideo);
  const [, remove] = useMutation(DeleteVideo);
  const [, poster] = useMutation(SetThumbnail);
  const [, caption] = useMutation(AddCaption);
  const [captionForm, setCaptionForm] = useState({ language: 'en', label: 'English' });
  const src = thumbnail(video.thumbnails, 160);
  const save = async (e: Event) => {
    e.preventDefault();
    const result = await update({ input: { videoId: video.id, title, description, visibility: visibility as any } });
    const errs = FormErrors.from(result.data?.updateVideo?.errors, result.error);
    setErrors(errs);
    setSaved(errs.any ? '' : t.studio.saved);
  };
  const addCaption = async (e: Event) => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('captionFile') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const content = await file.text();
    const format = /^\uFEFF?WEBVTT/.test(content) ? 'WEBVTT' : 'SRT';
    const result = await caption({ input: { videoId: video.id, ...captionForm, format, content } });
    setErrors(FormErrors.from(result.data?.addVideoCaption?.errors, result.error));
  };
  const progress = video.status === 'PROCESSING' && video.progress ? ` · ${video.progress.stage} ${Math.round(video.progress.percent)}%` : '';
  return (
    <li class="studio-video" data-video-id={video.id}>
      <div class="studio-summary">
        {src ? <img src={src} alt="" width={160} height={90} /> : <span class="thumb-empty small" />}
        <div>
          <a href={href.watch(video.id)}>
            <strong>{video.title}</strong>
          </a>
          <p>
            <span class={`status status-${video.status.toLowerCase()}`} data-status={video.status}>
              {t.studio.status[video.status]}
            </span>
            {progress} {duration(video.durationSeconds)}
          </p>
          {video.failureReason && <p class="field-error">{video.failureReason}</p>}
          {video.captions.length > 0 && <p class="muted captions">{t.studio.captions(video.captions.map((c) => c.label).join(', '))}</p>}
          <p class="muted">
            {t.video.views(video.viewCount)} · {t.video.likes(video.likeCount)} · {t.comments.title(video.commentCount)}
          </p>
        </div>
      </div>
      <details>
        <summary>{t.studio.edit}</summary>
        <form onSubmit={save}>
          <Field label={t.studio.videoTitle} name="title" value={title} onInput={setTitle} error={errors.for('title')} />
          <Field label={t.studio.description} name="description" multiline value={description} onInput={setDescription} error={errors.for('description')} />
          <Field label={t.studio.visibility} name="visibility" error={errors.for('visibility')}>
            <select id={`vis-${video.id}`} aria-label={t.studio.visibility} value={visibility} onChange={(e) => setVisibility(e.currentTarget.value)}>
              {Object.entries(t.studio.visibilities).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t.studio.save}</button> {saved && <span role="status">{saved}</span>}
        </form>
        {video.status === 'READY' && (
          <>
            <form
              class="inline-form"
              onSubmit={async (e) => {
                e.preventDefault();
                const result = await poster({ input: { videoId: video.id, atSeconds: Number(at) } });
                setErrors(FormErrors.from(result.data?.setVideoThumbnail?.errors, result.error));
              }}
            >
              <Field label={t.studio.thumbnailAt} name="atSeconds" type="number" value={at} onInput={setAt} error={errors.for('atSeconds')} />
              <button type="submit">{t.studio.setThumbnail}</button>
            </form>
            <form class="inline-form" onSubmit={addCaption}>
              <Field label={t.studio.captionFile} name="content" error={errors.for('content') ?? errors.for('format')}>
                <input name="captionFile" type="file" accept=".vtt,.srt,text/vtt" required aria-label={t.studio.captionFile} />
              </Field>
              <Field label={t.studio.captionLanguage} name="language" value={captionForm.language} onInput={(v) => setCaptionForm({ ...captionForm, language: v })} error={errors.for('language')} />
              <Field label={t.studio.captionLabel} name="label" value={captionForm.label} onInput={(v) => setCaptionForm({ ...captionForm, label: v })} error={errors.for('label')} />
              <button type="submit">{t.studio.addCaption}</button>
            </form>
          </>
        )}
        <FormError message={errors.rest(['title', 'description', 'visibility', 'atSeconds', 'content', 'format', 'language', 'label'])} />
        <button
          type="button"
          class="danger"
          onClick={async () => {
            if (!confirm(t.studio.confirmDelete(video.title))) return;
            const result = await remove({ input: { videoId: video.id } });
            setErrors(FormErrors.from(result.data?.deleteVideo?.errors, result.error));
          }}
        >
          {t.studio.delete}
        </button>
      </details>
    </li>
  );
}
