// The diagram's lines, drawn in one SVG inside React Flow's viewport (so they pan and zoom with
// the nodes, above them): Service -> endpoint pod, control-plane clients -> API server, and the
// request-flow hops lit by the trace stream. Their points come from the layout (see layout.ts
// for why these are not React Flow edges).

import { memo } from 'react';
import { useUi } from '../../state/ui';
import { useFlow } from './flowStore';
import { connector, type DiagramEdge, type Point, type Rect } from './layout';
import type { ScheduledHop } from './flow';

/** A vertical S-curve between two points (straight if they share a row). */
export function curve(a: Point, b: Point): string {
  if (Math.abs(a.y - b.y) < 1) return `M${a.x},${a.y}L${b.x},${b.y}`;
  const dy = Math.max(24, Math.abs(b.y - a.y) / 2) * (b.y >= a.y ? 1 : -1);
  return `M${a.x},${a.y}C${a.x},${a.y + dy} ${b.x},${b.y - dy} ${b.x},${b.y}`;
}

export const StaticEdges = memo(function StaticEdges({ edges }: { edges: DiagramEdge[] }) {
  const service = useUi((s) => (s.selection?.kind === 'object' && s.selection.resource === 'services' ? s.selection.key : undefined));
  return (
    <svg className="dg-edges" width={1} height={1} aria-hidden="true">
      <defs>
        <marker id="dg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0L10,5L0,10z" fill="#57606a" />
        </marker>
        <marker id="dg-arrow-flow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0L10,5L0,10z" fill="#0b57d0" />
        </marker>
      </defs>
      {edges.map((e) => {
        const on = !!service && e.service === service;
        const dim = !!service && !!e.service && !on;
        return (
          <g key={e.id} className={`dg-edge dg-edge-${e.kind}${on ? ' is-on' : ''}${dim ? ' is-dim' : ''}`}>
            <path d={curve(e.from, e.to)} markerEnd={e.kind === 'control' ? 'url(#dg-arrow)' : undefined} />
            {e.kind === 'endpoint' || e.kind === 'endpoint-not-ready' ? <circle cx={e.to.x} cy={e.to.y} r={3} /> : null}
            {e.label && (
              <text x={e.to.x + 6} y={e.kind === 'tunnel' ? (e.from.y + e.to.y) / 2 : e.to.y - 6} className="dg-edge-label">
                {e.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
});

/** Every end a hop may have (`kube-proxy/*` is every drawn node's kube-proxy, or the pools box when there are many). */
function resolve(end: string, anchors: Record<string, Rect>): Rect[] {
  if (end === 'kube-proxy/*') {
    const all = Object.keys(anchors).filter((k) => k.startsWith('kube-proxy/'));
    return all.length <= 30 ? all.map((k) => anchors[k]) : [anchors.pools].filter(Boolean);
  }
  const r = anchors[end];
  return r ? [r] : [];
}

export const FlowEdges = memo(function FlowEdges({ anchors, still: alwaysStill }: { anchors: Record<string, Rect>; still?: boolean }) {
  const lit = useFlow((s) => s.lit);
  const paths: { key: string; d: string; hop: ScheduledHop; mid: Point }[] = [];
  for (const h of lit) {
    if (h.hop.kind === 'pulse') continue;
    const [from] = resolve(h.hop.from, anchors);
    if (!from) continue;
    for (const [i, to] of resolve(h.hop.to, anchors).entries()) {
      const c = connector(from, to);
      const mid = { x: (c.from.x + c.to.x) / 2, y: (c.from.y + c.to.y) / 2 };
      const d = c.sameRow ? `M${c.from.x},${c.from.y}Q${mid.x},${c.from.y - 30} ${c.to.x},${c.to.y}` : curve(c.from, c.to);
      paths.push({ key: `${h.id}#${i}`, d, hop: h, mid });
    }
  }
  const labelled = paths.length <= 6;
  // Moving dashes only while few lines are lit (a busy rollout lights hundreds) and the picture is
  // small: any running animation makes Chrome re-layerize the whole page every frame, which at
  // 100 node cards costs more than the frame budget.
  const still = alwaysStill || paths.length > 12;
  return (
    <svg className={`dg-edges dg-flow${still ? ' dg-static' : ''}`} width={1} height={1} aria-hidden="true">
      {paths.map((p) => (
        <g key={p.key} className={`dg-hop dg-hop-${p.hop.hop.kind}`}>
          <path d={p.d} markerEnd="url(#dg-arrow-flow)" />
          {labelled && p.hop.hop.kind !== 'watch' && (
            <text x={p.mid.x + 8} y={p.mid.y} className="dg-hop-label">
              {p.hop.hop.label}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
});
