// The StreamEngine demo page: sign in, upload with Uppy (tus), follow the transcode live over graphql-transport-ws, play
// with hls.js. Plain browser JavaScript, no framework.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem('accessToken'), socket: null, hls: null };

async function graphql(query, variables) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join(' '));
  return body.data;
}

function notice(text) { $('notice').textContent = text; }

function payloadErrors(payload) {
  if (payload.errors?.length) throw new Error(payload.errors.map((e) => e.message).join(' '));
  return payload;
}

async function showAccount() {
  const signedIn = Boolean(state.token);
  $('auth-form').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
  $('upload').hidden = !signedIn;
  if (signedIn) {
    try {
      const { viewer } = await graphql('{ viewer { user { handle displayName } } }');
      $('who').textContent = viewer ? `${viewer.user.displayName} (@${viewer.user.handle})` : '';
    } catch {
      signOut();
    }
  }
}

function signIn(auth) {
  payloadErrors(auth);
  state.token = auth.accessToken;
  sessionStorage.setItem('accessToken', auth.accessToken);
  notice('');
  showAccount();
}

function signOut() {
  state.token = null;
  sessionStorage.removeItem('accessToken');
  showAccount();
}

const authFields = 'accessToken errors { code message field }';

$('auth-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const { login } = await graphql(`mutation($i: LoginInput!) { login(input: $i) { ${authFields} } }`,
      { i: { email: $('email').value, password: $('password').value } });
    signIn(login);
  } catch (error) { notice(error.message); }
});

$('register').addEventListener('click', async () => {
  try {
    const { register } = await graphql(`mutation($i: RegisterInput!) { register(input: $i) { ${authFields} } }`, {
      i: { email: $('email').value, password: $('password').value, handle: $('handle').value, displayName: $('display-name').value || $('handle').value },
    });
    signIn(register);
  } catch (error) { notice(error.message); }
});

$('logout').addEventListener('click', async () => {
  try { await graphql('mutation { logout { sessionsEnded } }'); } catch { /* signed out either way */ }
  signOut();
});

// Upload with Uppy over tus 1.0: createVideoUpload(protocol: TUS) makes the video, Uppy sends the file to /uploads/tus
// with the video's id in its metadata, resumes after a dropped connection, and the upload completes with its last byte.
function setProgress(bar, label, percent) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  $(bar).value = value;
  $(label).textContent = `${value}%`;
}

function uploadWithUppy(file, videoId) {
  const uppy = new window.Uppy.Uppy({ autoProceed: false, allowMultipleUploadBatches: false });
  uppy.use(window.Uppy.Tus, {
    endpoint: '/uploads/tus',
    headers: () => ({ authorization: `Bearer ${state.token}` }),
    retryDelays: [0, 1000, 3000, 5000],
    removeFingerprintOnSuccess: true,
  });
  uppy.on('upload-progress', (_, progress) => {
    if (progress.bytesTotal) setProgress('upload-progress', 'upload-percent', (progress.bytesUploaded / progress.bytesTotal) * 100);
  });
  uppy.addFile({ name: file.name, type: file.type || 'application/octet-stream', data: file, meta: { videoId, title: $('title').value } });
  return uppy.upload().then((result) => {
    uppy.destroy();
    if (result.failed?.length) throw new Error(result.failed[0].error?.message || String(result.failed[0].error));
  });
}

$('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = $('file').files[0];
  if (!file) return;
  $('start-upload').disabled = true;
  try {
    const { createVideoUpload } = await graphql(`mutation($i: CreateVideoUploadInput!) { createVideoUpload(input: $i) {
        video { id } upload { id tusUrl } errors { code message } } }`,
      { i: { title: $('title').value, fileName: file.name, contentType: file.type || 'application/octet-stream', sizeBytes: file.size, protocol: 'TUS' } });
    payloadErrors(createVideoUpload);
    const { video } = createVideoUpload;
    follow(video.id);
    await uploadWithUppy(file, video.id);
    setProgress('upload-progress', 'upload-percent', 100);
  } catch (error) {
    notice(error.message);
  } finally {
    $('start-upload').disabled = false;
  }
});

// Live status over graphql-transport-ws.
function follow(videoId) {
  state.socket?.close(1000);
  $('status').hidden = false;
  $('player').hidden = true;
  $('failure').hidden = true;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/graphql`, 'graphql-transport-ws');
  state.socket = socket;
  socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${state.token}` } }));
  socket.onmessage = (message) => {
    const data = JSON.parse(message.data);
    if (data.type === 'connection_ack') {
      socket.send(JSON.stringify({ id: 'status', type: 'subscribe', payload: {
        query: 'subscription($id: ID!) { videoStatusChanged(videoId: $id) { status playable progress { stage percent } failureReason } }',
        variables: { id: videoId } } }));
    } else if (data.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    } else if (data.type === 'next') {
      showStatus(videoId, data.payload.data.videoStatusChanged);
    } else if (data.type === 'error') {
      notice(data.payload.map((e) => e.message).join(' '));
    }
  };
}

function showStatus(videoId, event) {
  $('video-status').textContent = event.status;
  $('video-stage').textContent = event.progress ? `(${event.progress.stage})` : '';
  if (event.progress) setProgress('transcode-progress', 'transcode-percent', event.status === 'READY' ? 100 : event.progress.percent);
  if (event.status === 'FAILED') {
    $('failure').hidden = false;
    $('failure').textContent = event.failureReason || 'The video could not be processed.';
    state.socket?.close(1000);
  }
  // Playable while it encodes: the player starts on the growing playlists, and READY only completes the extras.
  if (event.playable && event.status === 'PROCESSING' && state.playingEarly !== videoId) {
    state.playingEarly = videoId;
    play(videoId);
  }
  if (event.status === 'READY') {
    setProgress('transcode-progress', 'transcode-percent', 100);
    state.socket?.close(1000);
    if (state.playingEarly === videoId) {
      graphql('query($id: ID!) { video(id: $id) { storyboard { vttUrl } } }', { id: videoId })
        .then(({ video }) => loadStoryboard(video.storyboard)).catch(() => {});
    } else {
      play(videoId);
    }
  }
}

// Timeline previews: the storyboard's WebVTT cues name a tile of its sprite (sprite.jpg#xywh=x,y,w,h).
async function loadStoryboard(storyboard) {
  state.storyboard = null;
  if (!storyboard) return;
  const text = await (await fetch(storyboard.vttUrl)).text();
  const cues = [];
  const seconds = (t) => t.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  for (const block of text.split('\n\n')) {
    const [timing, target] = block.trim().split('\n');
    const match = /^(\S+) --> (\S+)$/.exec(timing || '');
    const tile = /#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target || '');
    if (match && tile) cues.push({ start: seconds(match[1]), end: seconds(match[2]), sprite: new URL(target.split('#')[0], storyboard.vttUrl).href, x: +tile[1], y: +tile[2], w: +tile[3], h: +tile[4] });
  }
  state.storyboard = cues;
}

function showPreview(event) {
  const preview = $('preview');
  const duration = $('video').duration;
  if (!state.storyboard?.length || !Number.isFinite(duration)) { preview.hidden = true; return; }
  const box = event.currentTarget.getBoundingClientRect();
  const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
  const time = fraction * duration;
  const cue = state.storyboard.find((c) => time >= c.start && time < c.end) || state.storyboard[state.storyboard.length - 1];
  Object.assign(preview.style, {
    width: `${cue.w}px`, height: `${cue.h}px`, left: `${Math.min(box.width - cue.w, Math.max(0, fraction * box.width - cue.w / 2))}px`,
    backgroundImage: `url("${cue.sprite}")`, backgroundPosition: `-${cue.x}px -${cue.y}px`,
  });
  preview.dataset.time = time.toFixed(1);
  preview.hidden = false;
}

$('timeline').addEventListener('mousemove', showPreview);
$('timeline').addEventListener('mouseleave', () => { $('preview').hidden = true; });
$('timeline').addEventListener('input', (event) => {
  const element = $('video');
  if (Number.isFinite(element.duration)) element.currentTime = (event.target.value / 1000) * element.duration;
});
$('video').addEventListener('timeupdate', (event) => {
  const element = event.target;
  if (Number.isFinite(element.duration) && element.duration > 0) $('timeline').value = String(Math.round((element.currentTime / element.duration) * 1000));
});

$('caption-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('caption-error').textContent = '';
  const file = $('caption-file').files[0];
  try {
    const { addVideoCaption } = await graphql(
      `mutation($input: AddVideoCaptionInput!) { addVideoCaption(input: $input) { video { id captions { language } } errors { code message } } }`,
      { input: { videoId: state.videoId, language: $('caption-language').value, label: $('caption-label').value,
        format: /\.vtt$/i.test(file.name) ? 'WEBVTT' : 'SRT', content: await file.text() } });
    payloadErrors(addVideoCaption);
    await play(state.videoId);
  } catch (error) { $('caption-error').textContent = error.message; }
});

async function play(videoId) {
  const { video } = await graphql(`query($id: ID!) { video(id: $id) { viewerCanUpdate playback { hlsUrl } thumbnail { url }
    storyboard { vttUrl } captions { language label } } }`, { id: videoId });
  state.videoId = videoId;
  $('caption-form').hidden = !video.viewerCanUpdate;
  loadStoryboard(video.storyboard).catch(() => {});
  const element = $('video');
  $('player').hidden = false;
  // A viewing is reported once, when playback first starts (the server counts it once per viewer per window).
  element.addEventListener('playing', () => {
    graphql('mutation($id: ID!) { recordView(input: { videoId: $id }) { counted video { viewCount } } }', { id: videoId })
      .then(({ recordView }) => { if (recordView.video) { const n = recordView.video.viewCount; $('views').textContent = `${n} view${n === 1 ? '' : 's'}`; } })
      .catch(() => {});
  }, { once: true });
  element.poster = video.thumbnail?.url || '';
  state.hls?.destroy();
  if (window.Hls && Hls.isSupported()) {
    // From the start, also on a video still encoding (its growing EVENT playlists would otherwise start near the end).
    const hls = new Hls({ subtitleDisplay: true, startPosition: 0 });
    state.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, (_, data) => {
      const select = $('quality');
      select.replaceChildren(new Option('Auto', '-1'));
      data.levels.forEach((level, index) => select.add(new Option(`${level.height}p`, String(index))));
    });
    hls.loadSource(video.playback.hlsUrl);
    hls.attachMedia(element);
  } else {
    element.src = video.playback.hlsUrl;
  }
}

$('quality').addEventListener('change', (event) => {
  if (state.hls) state.hls.currentLevel = Number(event.target.value);
});

async function verifyFromLink() {
  const params = new URLSearchParams(location.search);
  const token = params.get('verify-email');
  if (!token) return;
  try {
    const { verifyEmail } = await graphql('mutation($t: String!) { verifyEmail(input: { token: $t }) { errors { message } } }', { t: token });
    payloadErrors(verifyEmail);
    notice('Your e-mail address is verified.');
  } catch (error) { notice(error.message); }
  history.replaceState(null, '', location.pathname);
}

verifyFromLink();
showAccount();
