// "Sign in with Google" when the server has a Google client id (serverInfo.googleClientId): Google Identity Services
// renders its button and hands back an ID token, which signInWithGoogle checks and trades for a session.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { Server, SignInWithGoogle } from '../operations';
import type { ServerQuery } from '../generated/graphql';
import { FormError, FormErrors } from '../components';
import { session } from '../auth';
import { href, navigate } from '../router';
import { t } from '../strings';

type Gis = {
  accounts: {
    id: {
      initialize(options: { client_id: string; callback: (r: { credential: string }) => void }): void;
      renderButton(element: HTMLElement, options: Record<string, string>): void;
    };
  };
};

const script = 'https://accounts.google.com/gsi/client';

function loadGis(): Promise<Gis> {
  const existing = (window as unknown as { google?: Gis }).google;
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const element = document.createElement('script');
    element.src = script;
    element.async = true;
    element.onload = () => resolve((window as unknown as { google: Gis }).google);
    element.onerror = () => reject(new Error(t.errors.network));
    document.head.append(element);
  });
}

export function GoogleSignIn() {
  const [{ data }] = useQuery<ServerQuery>({ query: Server });
  const [, signIn] = useMutation(SignInWithGoogle);
  const [errors, setErrors] = useState(new FormErrors());
  const button = useRef<HTMLDivElement>(null);
  const clientId = data?.serverInfo.googleClientId;
  useEffect(() => {
    if (!clientId || !button.current) return;
    loadGis().then(
      (gis) => {
        gis.accounts.id.initialize({
          client_id: clientId,
          callback: async ({ credential }) => {
            const result = await signIn({ input: { idToken: credential } });
            const payload = result.data?.signInWithGoogle;
            setErrors(FormErrors.from(payload?.errors, result.error));
            if (payload?.accessToken) {
              navigate(href.home());
              session.set(payload.accessToken, payload.refreshToken);
            }
          },
        });
        gis.accounts.id.renderButton(button.current!, { theme: 'outline', size: 'large', text: 'signin_with' });
      },
      (error: Error) => setErrors(new FormErrors([], error.message)),
    );
  }, [clientId]);
  if (!clientId) return null;
  return (
    <div class="google" role="group" aria-label={t.auth.google}>
      <div ref={button} data-client-id={clientId} />
      <FormError message={errors.rest([])} />
    </div>
  );
}
