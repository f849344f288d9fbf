// Pieces every page uses: the video card and grid, typed errors shown next to their field, small formatters.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CombinedError } from '@urql/core';
import { href } from './router';
import { t } from './strings';

/** A mutation payload's typed error, as the schema's UserError. */
export type UserError = { code: string; message: string; field?: string[] | null };

export type Card = {
  id: string;
  title: string;
  status: string;
  playable: boolean;
  durationSeconds?: number | null;
  viewCount: number;
  createdAt: string;
  thumbnails: { width: number; height: number; url: string }[];
  channel: { id: string; handle: string; displayName: string; avatarUrl?: string | null };
};

export function duration(seconds?: number | null): string {
  if (seconds == null) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function date(iso: string): string {
  return new Date(iso).toLocaleDateString(document.documentElement.lang || undefined, { dateStyle: 'medium' });
}

/** The smallest thumbnail at least as wide as asked, else the largest. */
export function thumbnail(thumbnails: Card['thumbnails'], width = 320): string | undefined {
  const sorted = [...thumbnails].sort((a, b) => a.width - b.width);
  return (sorted.find((x) => x.width >= width) ?? sorted[sorted.length - 1])?.url;
}

export function VideoCard({ video, children }: { video: Card; children?: ComponentChildren }) {
  const src = thumbnail(video.thumbnails);
  return (
    <li class="card">
      <a href={href.watch(video.id)} class="card-link">
        <span class="thumb">
          {src ? <img src={src} alt="" loading="lazy" width={320} height={180} /> : <span class="thumb-empty" />}
          {video.durationSeconds != null && <span class="duration">{duration(video.durationSeconds)}</span>}
        </span>
        <span class="card-title">{video.title}</span>
      </a>
      <span class="card-meta">
        <a href={href.channel(video.channel.handle)}>{video.channel.displayName}</a> ·{' '}
        {t.video.views(video.viewCount)} · {date(video.createdAt)}
      </span>
      {children}
    </li>
  );
}

export function VideoGrid({ videos, label }: { videos: Card[]; label: string }) {
  return (
    <ul class="grid" aria-label={label}>
      {videos.map((v) => (
        <VideoCard key={v.id} video={v} />
      ))}
    </ul>
  );
}

export function Avatar({ url, name, size = 40 }: { url?: string | null; name: string; size?: number }) {
  return url ? (
    <img class="avatar" src={url} alt={t.channel.avatar(name)} width={size} height={size} />
  ) : (
    <span class="avatar avatar-letter" aria-hidden="true" style={{ width: size, height: size }}>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** A mutation's typed errors, split by the input field they name (the last element of `field`). */
export class FormErrors {
  constructor(
    readonly errors: UserError[] = [],
    readonly failure?: string,
  ) {}

  static from(payloadErrors?: UserError[] | null, error?: CombinedError): FormErrors {
    const failure = error ? (error.networkError ? t.errors.network : error.graphQLErrors.map((e) => e.message).join(' ')) : undefined;
    return new FormErrors(payloadErrors ?? [], failure);
  }

  get any(): boolean {
    return this.errors.length > 0 || Boolean(this.failure);
  }

  for(field: string): string | undefined {
    const messages = this.errors.filter((e) => e.field?.[e.field.length - 1] === field).map((e) => e.message);
    return messages.length ? messages.join(' ') : undefined;
  }

  /** Errors naming no field this form shows. */
  rest(fields: string[]): string | undefined {
    const messages = this.errors.filter((e) => !fields.includes(e.field?.[e.field.length - 1] ?? '')).map((e) => e.message);
    if (this.failure) messages.push(this.failure);
    return messages.length ? messages.join(' ') : undefined;
  }
}

let fieldIds = 0;

/** A labelled input with its error beneath it, tied by aria-describedby. */
export function Field(props: {
  label: string;
  name: string;
  error?: string;
  type?: string;
  value?: string;
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  inputmode?: string;
  onInput?: (value: string) => void;
  children?: ComponentChildren;
}) {
  const [id] = useState(() => `f${++fieldIds}`);
  const describedBy = props.error ? `${id}-error` : undefined;
  const common = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy,
    value: props.value,
    onInput: (e: Event) => props.onInput?.((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      {props.children ? <span class="label">{props.label}</span> : <label for={id}>{props.label}</label>}
      {props.children ??
        (props.multiline ? (
          <textarea {...common} rows={3} />
        ) : (
          <input {...common} type={(props.type ?? 'text') as 'text'} autocomplete={props.autocomplete} inputMode={props.inputmode as any} />
        ))}
      {props.error && (
        <p class="field-error" id={describedBy} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  return message ? (
    <p class="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** What a failed query says to the person: the server's messages, or that it could not be reached. */
export function errorText(error: CombinedError): string {
  return error.networkError && !error.graphQLErrors.length ? t.errors.network : error.graphQLErrors.map((e) => e.message).join(' ');
}

export function Loading() {
  return (
    <p class="loading" role="status">
      …
    </p>
  );
}
