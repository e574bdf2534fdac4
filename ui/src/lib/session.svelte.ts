import { pb } from './pb';

/** Who is signed in, kept in step with the SDK's auth store. */
export const session = $state({ signedIn: false, email: '' });

function sync(): void {
  session.signedIn = pb.authStore.isValid && pb.authStore.isSuperuser;
  session.email = String(pb.authStore.record?.email ?? '');
}
pb.authStore.onChange(sync);
sync();

export function signOut(): void {
  pb.authStore.clear();
}

/** Renews the token on start: a revoked or expired session ends here rather than on the first failing call. */
export async function refreshSession(): Promise<void> {
  if (!session.signedIn) return;
  try {
    await pb.collection('_superusers').authRefresh();
  } catch {
    pb.authStore.clear();
  }
}
