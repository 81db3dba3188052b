// session:* — sign in and out (audited), and who is signed in.
import { defineHandlers } from '../common/handler-kit';
import { sessionChannels } from '../contract/session.channels';
import type { Session } from './session';

export function sessionHandlers(session: Session) {
  return defineHandlers(sessionChannels, {
    'session:signIn': {
      run: async (officer) => session.signIn(officer),
      audit: (_request, officer) => ({ action: 'session.signIn', officer }),
    },
    'session:current': { run: async () => session.current() },
    'session:signOut': {
      run: async () => {
        session.signOut();
        return { ok: true as const };
      },
      // Recorded under the officer who signed out (the caller, as the call began).
      audit: (_request, _response, ctx) => (ctx.officer ? { action: 'session.signOut' } : null),
    },
  });
}
