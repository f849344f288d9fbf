// The player: hls.js (loaded only on a watch page) with a quality menu, caption tracks and storyboard previews on
// the timeline. Safari plays HLS natively and gets the same menus where the browser exposes them.
import { useEffect, useRef, useState } from 'preact/hooks';
import type Hls from 'hls.js';
import { t } from './strings';

type Cue = { start: number; end: number; sprite: string; x: number; y: number; w: number; h: number };

async function loadStoryboard(vttUrl: string): Promise<Cue[]> {
  const text = await (await fetch(vttUrl)).text();
  const seconds = (s: string) => s.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  const cues: Cue[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const [timing, target] = block.trim().split(/\r?\n/);
    const m = /^(\S+) --> (\S+)$/.exec(timing ?? '');
    const tile = /#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target ?? '');
    if (m && tile) {
      cues.push({ start: seconds(m[1]), end: seconds(m[2]), sprite: new URL(target.split('#')[0], vttUrl).href, x: +tile[1], y: +tile[2], w: +tile[3], h: +tile[4] });
    }
  }
  return cues;
}

export function Player(props: {
  src: string;
  title: string;
  captions: { language: string; label: string }[];
  storyboardUrl?: string | null;
  onPlaying?: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const hls = useRef<Hls | null>(null);
  const [levels, setLevels] = useState<{ index: number; height: number }[]>([]);
  const [level, setLevel] = useState(-1);
  const [caption, setCaption] = useState(-1);
  const [cues, setCues] = useState<Cue[]>([]);
  const [preview, setPreview] = useState<{ cue: Cue; left: number } | null>(null);
  const [position, setPosition] = useState(0);

  useEffect(() => {
    const element = video.current!;
    let disposed = false;
    let started = false;
    const playing = () => {
      if (!started) {
        started = true;
        props.onPlaying?.();
      }
    };
    element.addEventListener('playing', playing);
    (async () => {
      const { default: HlsClass } = await import('hls.js');
      if (disposed) return;
      if (HlsClass.isSupported()) {
        const instance = new HlsClass({ enableWebVTT: true, renderTextTracksNatively: true });
        hls.current = instance;
        instance.on(HlsClass.Events.MANIFEST_PARSED, (_e, data) => {
          setLevels(data.levels.map((l, index) => ({ index, height: l.height })).sort((a, b) => b.height - a.height));
        });
        instance.loadSource(props.src);
        instance.attachMedia(element);
      } else {
        element.src = props.src;
      }
    })();
    return () => {
      disposed = true;
      element.removeEventListener('playing', playing);
      hls.current?.destroy();
      hls.current = null;
    };
  }, [props.src]);

  useEffect(() => {
    if (props.storyboardUrl) loadStoryboard(props.storyboardUrl).then(setCues, () => setCues([]));
  }, [props.storyboardUrl]);

  const chooseLevel = (value: number) => {
    setLevel(value);
    if (hls.current) hls.current.currentLevel = value;
  };
  const chooseCaption = (value: number) => {
    setCaption(value);
    if (hls.current) hls.current.subtitleTrack = value;
    const tracks = video.current?.textTracks;
    if (tracks) for (let i = 0; i < tracks.length; i++) tracks[i].mode = i === value ? 'showing' : 'disabled';
  };
  const hover = (e: MouseEvent) => {
    const element = video.current;
    if (!cues.length || !element || !Number.isFinite(element.duration)) return;
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    const time = fraction * element.duration;
    const cue = cues.find((c) => time >= c.start && time < c.end) ?? cues[cues.length - 1];
    setPreview({ cue, left: Math.min(box.width - cue.w, Math.max(0, fraction * box.width - cue.w / 2)) });
  };

  return (
    <div class="player">
      <video
        ref={video}
        controls
        playsInline
        aria-label={props.title}
        onTimeUpdate={(e) => {
          const el = e.currentTarget;
          if (el.duration > 0) setPosition(Math.round((el.currentTime / el.duration) * 1000));
        }}
      />
      {cues.length > 0 && (
        <div class="timeline" onMouseMove={hover} onMouseLeave={() => setPreview(null)}>
          <input
            type="range"
            min={0}
            max={1000}
            value={position}
            aria-label={t.video.preview}
            onInput={(e) => {
              const el = video.current;
              if (el && Number.isFinite(el.duration)) el.currentTime = (Number(e.currentTarget.value) / 1000) * el.duration;
            }}
          />
          {preview && (
            <span
              class="storyboard-preview"
              style={{
                width: `${preview.cue.w}px`,
                height: `${preview.cue.h}px`,
                left: `${preview.left}px`,
                backgroundImage: `url("${preview.cue.sprite}")`,
                backgroundPosition: `-${preview.cue.x}px -${preview.cue.y}px`,
              }}
            />
          )}
        </div>
      )}
      <div class="player-menus">
        {levels.length > 1 && (
          <label>
            {t.video.quality}{' '}
            <select value={level} onChange={(e) => chooseLevel(Number(e.currentTarget.value))}>
              <option value={-1}>{t.video.auto}</option>
              {levels.map((l) => (
                <option key={l.index} value={l.index}>
                  {l.height}p
                </option>
              ))}
            </select>
          </label>
        )}
        {props.captions.length > 0 && (
          <label>
            {t.video.captions}{' '}
            <select value={caption} onChange={(e) => chooseCaption(Number(e.currentTarget.value))}>
              <option value={-1}>{t.video.off}</option>
              {props.captions.map((c, i) => (
                <option key={c.language} value={i}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </div>
  );
}
