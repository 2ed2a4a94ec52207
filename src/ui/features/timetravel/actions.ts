// Time-travel commands as registered actions (name, label, perform), shared by the time-travel
// bar and `window.clusterlab`.

import { encodeSessionHash, formatSession } from '../../../host/sessionfile';
import type { SessionFile, TimelineSummary } from '../../../worker/protocol';
import type { Session } from '../../cluster/session';

export const timeTravelActions = {
  rewind: {
    name: 'timetravel.rewind',
    label: 'Go to an instant of the session',
    /** `at`: ms since the cluster was created. */
    perform: (s: Session, a: { at: number; inclusive?: boolean }): Promise<TimelineSummary> => s.client.request({ op: 'rewind', at: a.at, inclusive: a.inclusive }),
  },
  branch: {
    name: 'timetravel.branch',
    label: 'Switch branch',
    perform: (s: Session, id: number): Promise<TimelineSummary> => s.client.request({ op: 'branch', id }),
  },
  exportSession: {
    name: 'session.export',
    label: 'Export the session',
    perform: (s: Session): Promise<SessionFile> => s.client.request({ op: 'session' }),
  },
  load: {
    name: 'session.load',
    label: 'Open a session',
    perform: (s: Session, file: unknown): Promise<TimelineSummary> => s.client.request({ op: 'load-session', session: file }),
  },
  download: {
    name: 'session.download',
    label: 'Save the session to a file',
    perform: async (s: Session): Promise<void> => {
      const file = await s.client.request({ op: 'session' });
      const url = URL.createObjectURL(new Blob([formatSession(file)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `clusterlab-${file.title ?? 'session'}-${Math.round(file.now / 1000)}s.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  },
  link: {
    name: 'session.link',
    label: 'Link to the session',
    /** The page's address with the whole session compressed in the hash. */
    perform: async (s: Session): Promise<string> => {
      const file = await s.client.request({ op: 'session' });
      return `${window.location.origin}${window.location.pathname}${await encodeSessionHash(file)}`;
    },
  },
};
