// A small key on the diagram while step mode runs a scheduling cycle: which pod it is on, the
// phase, and what the node marks mean, so an instructor can point at them.

import { useExplainer } from './store';

const KEYS: [string, string][] = [
  ['current', 'pod in the cycle'],
  ['rejected', 'rejected by a filter'],
  ['feasible', 'feasible'],
  ['candidate', 'candidate (best score)'],
  ['chosen', 'chosen (reserve / bind)'],
];

export function CycleLegend() {
  const phase = useExplainer((s) => s.cycle?.phase);
  const pod = useExplainer((s) => s.cycle?.pod);
  if (!pod) return null;
  return (
    <div className="dg-cycle-legend" data-testid="cycle-legend" data-phase={phase} data-pod={pod} role="note" aria-label="Scheduling cycle legend">
      <div className="dg-cycle-legend-title">
        Scheduling cycle: <b>{phase}</b> · pod {pod}
      </div>
      <ul>
        {KEYS.map(([k, text]) => (
          <li key={k}>
            <span className={`dg-cycle-swatch dg-cycle-swatch-${k}`} aria-hidden="true" />
            {text}
          </li>
        ))}
      </ul>
    </div>
  );
}
