// Who is at the desk: the officer every examination, decision and change is recorded under. One
// session for the station (the desktop window, or the loopback host's browser).
import { LoupeError } from '../common/loupe-error';
import type { Officer } from '../contract/examination.contract';

export const NOT_SIGNED_IN_MESSAGE = 'sign in first: this action is recorded under the name of the officer who signed in';

export class Session {
  private officer: Officer | null = null;

  current(): Officer | null {
    return this.officer;
  }

  /** The officer signed in; a typed error when nobody is. */
  require(): Officer {
    if (!this.officer) throw new LoupeError('session', 'NotSignedIn', NOT_SIGNED_IN_MESSAGE);
    return this.officer;
  }

  signIn(officer: Officer): Officer {
    this.officer = { name: officer.name, badge: officer.badge };
    return this.officer;
  }

  signOut(): void {
    this.officer = null;
  }
}
