// Sign in, register, and verify the e-mail address with the six-digit code the server mailed.
import { useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { Login, Me, Register, ResendVerification, VerifyEmail } from '../operations';
import type { MeQuery } from '../generated/graphql';
import { Field, FormError, FormErrors } from '../components';
import { session } from '../auth';
import { href, navigate } from '../router';
import { t } from '../strings';
import { GoogleSignIn } from './Google';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState(new FormErrors());
  const [{ fetching }, login] = useMutation(Login);
  const submit = async (e: Event) => {
    e.preventDefault();
    const result = await login({ input: { email, password } });
    const payload = result.data?.login;
    setErrors(FormErrors.from(payload?.errors, result.error));
    if (payload?.accessToken) {
      navigate(payload.viewer?.emailVerified === false ? href.verify() : href.home());
      session.set(payload.accessToken, payload.refreshToken);
    }
  };
  return (
    <section class="narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{t.auth.signInTitle}</h1>
      <form onSubmit={submit} noValidate>
        <Field label={t.auth.email} name="email" type="email" autocomplete="email" required value={email} onInput={setEmail} error={errors.for('email')} />
        <Field label={t.auth.password} name="password" type="password" autocomplete="current-password" required value={password} onInput={setPassword} error={errors.for('password')} />
        <FormError message={errors.rest(['email', 'password'])} />
        <button type="submit" disabled={fetching}>
          {t.auth.submitSignIn}
        </button>
      </form>
      <GoogleSignIn />
      <p>
        <a href={href.register()}>{t.auth.noAccount}</a>
      </p>
    </section>
  );
}

export function RegisterPage() {
  const [form, setForm] = useState({ email: '', password: '', handle: '', displayName: '' });
  const [errors, setErrors] = useState(new FormErrors());
  const [{ fetching }, register] = useMutation(Register);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const result = await register({ input: { ...form, displayName: form.displayName || form.handle } });
    const payload = result.data?.register;
    setErrors(FormErrors.from(payload?.errors, result.error));
    if (payload?.accessToken) {
      navigate(href.verify());
      session.set(payload.accessToken, payload.refreshToken);
    }
  };
  const fields = ['email', 'password', 'handle', 'displayName'];
  return (
    <section class="narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t.auth.registerTitle}</h1>
      <form onSubmit={submit} noValidate>
        <Field label={t.auth.email} name="email" type="email" autocomplete="email" required value={form.email} onInput={set('email')} error={errors.for('email')} />
        <Field label={t.auth.password} name="password" type="password" autocomplete="new-password" required value={form.password} onInput={set('password')} error={errors.for('password')} />
        <Field label={t.auth.handle} name="handle" autocomplete="username" required value={form.handle} onInput={set('handle')} error={errors.for('handle')} />
        <Field label={t.auth.displayName} name="displayName" autocomplete="name" value={form.displayName} onInput={set('displayName')} error={errors.for('displayName')} />
        <FormError message={errors.rest(fields)} />
        <button type="submit" disabled={fetching}>
          {t.auth.submitRegister}
        </button>
      </form>
      <GoogleSignIn />
      <p>
        <a href={href.signIn()}>{t.auth.haveAccount}</a>
      </p>
    </section>
  );
}

export function VerifyPage() {
  const [{ data }] = useQuery<MeQuery>({ query: Me });
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState(new FormErrors());
  const [notice, setNotice] = useState('');
  const [{ fetching }, verify] = useMutation(VerifyEmail);
  const [, resend] = useMutation(ResendVerification);
  const submit = async (e: Event) => {
    e.preventDefault();
    const result = await verify({ input: { token: code.trim(), email: data?.viewer?.email } });
    const payload = result.data?.verifyEmail;
    setErrors(FormErrors.from(payload?.errors, result.error));
    if (payload?.viewer?.emailVerified) navigate(href.studio());
  };
  if (data?.viewer?.emailVerified) return <p role="status">{t.auth.verified}</p>;
  return (
    <section class="narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">{t.auth.verifyTitle}</h1>
      <p>{t.auth.verifyHelp}</p>
      <form onSubmit={submit} noValidate>
        <Field label={t.auth.code} name="token" autocomplete="one-time-code" inputmode="numeric" required value={code} onInput={setCode} error={errors.for('token')} />
        <FormError message={errors.rest(['token'])} />
        <button type="submit" disabled={fetching}>
          {t.auth.verify}
        </button>
      </form>
      <button
        type="button"
        class="link"
        onClick={async () => {
          const result = await resend({});
          const failed = FormErrors.from(result.data?.requestEmailVerification?.errors, result.error);
          setNotice(failed.any ? failed.rest([]) ?? '' : t.auth.resent);
        }}
      >
        {t.auth.resend}
      </button>
      {notice && <p role="status">{notice}</p>}
    </section>
  );
}
