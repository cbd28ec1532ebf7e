// The transaction state diagram of the flow inspector (Okta's diagram, §2.0 of the API digest),
// drawn as SVG elements with classes only: no inline styles, so it passes style-src 'self'.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 168;
const HEIGHT = 34;

/** Node positions (top-left corners) in the 900×330 view box, and labels; `NONE` is before sign-in or recovery starts, and after a cancel. */
const NODES = {
  UNAUTHENTICATED: [20, 16, 'UNAUTHENTICATED'],
  NONE: [20, 110, 'No transaction'],
  LOCKED_OUT: [20, 200, 'LOCKED_OUT'],
  RECOVERY_CHALLENGE: [20, 280, 'RECOVERY_CHALLENGE'],
  MFA_ENROLL: [250, 16, 'MFA_ENROLL'],
  MFA_REQUIRED: [250, 110, 'MFA_REQUIRED'],
  PASSWORD_WARN: [250, 200, 'PASSWORD_WARN'],
  RECOVERY: [250, 280, 'RECOVERY'],
  MFA_ENROLL_ACTIVATE: [480, 16, 'MFA_ENROLL_ACTIVATE'],
  MFA_CHALLENGE: [480, 110, 'MFA_CHALLENGE'],
  PASSWORD_EXPIRED: [480, 200, 'PASSWORD_EXPIRED'],
  PASSWORD_RESET: [480, 280, 'PASSWORD_RESET'],
  SUCCESS: [712, 150, 'SUCCESS'],
};

/** Transitions drawn: [from, to, bend] — bend curves the line sideways (px) to keep it off other boxes. */
const EDGES = [
  ['UNAUTHENTICATED', 'NONE', 0],
  ['NONE', 'MFA_REQUIRED', 0],
  ['NONE', 'MFA_ENROLL', 0],
  ['NONE', 'PASSWORD_WARN', 0],
  ['NONE', 'PASSWORD_EXPIRED', 0],
  ['NONE', 'LOCKED_OUT', 0],
  ['NONE', 'SUCCESS', 40],
  ['NONE', 'RECOVERY_CHALLENGE', 40],
  ['NONE', 'RECOVERY', 0],
  ['LOCKED_OUT', 'RECOVERY_CHALLENGE', 0],
  ['RECOVERY_CHALLENGE', 'RECOVERY', 0],
  ['RECOVERY', 'PASSWORD_RESET', 0],
  ['RECOVERY', 'SUCCESS', 40],
  ['PASSWORD_RESET', 'MFA_REQUIRED', 0],
  ['PASSWORD_RESET', 'MFA_ENROLL', 60],
  ['PASSWORD_RESET', 'SUCCESS', 0],
  ['MFA_REQUIRED', 'MFA_CHALLENGE', 0],
  ['MFA_CHALLENGE', 'MFA_REQUIRED', 0],
  ['MFA_REQUIRED', 'SUCCESS', -50],
  ['MFA_CHALLENGE', 'SUCCESS', 0],
  ['MFA_CHALLENGE', 'PASSWORD_EXPIRED', 0],
  ['MFA_ENROLL', 'MFA_ENROLL_ACTIVATE', 0],
  ['MFA_ENROLL_ACTIVATE', 'MFA_ENROLL', 0],
  ['MFA_ENROLL', 'SUCCESS', 0],
  ['MFA_ENROLL_ACTIVATE', 'SUCCESS', 0],
  ['PASSWORD_WARN', 'SUCCESS', 0],
  ['PASSWORD_EXPIRED', 'SUCCESS', 0],
];

function element(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  parent?.append(node);
  return node;
}

function center(name) {
  const [x, y] = NODES[name];
  return [x + WIDTH / 2, y + HEIGHT / 2];
}

/** Where the segment from the box's center towards (tx, ty) leaves the box. */
function border(name, towardX, towardY) {
  const [cx, cy] = center(name);
  const dx = towardX - cx;
  const dy = towardY - cy;
  const scale = 1 / Math.max(Math.abs(dx) / (WIDTH / 2 + 3), Math.abs(dy) / (HEIGHT / 2 + 3), 1e-9);
  return [cx + dx * scale, cy + dy * scale];
}

function edgePath(from, to, bend) {
  const [fx, fy] = center(from);
  const [tx, ty] = center(to);
  const length = Math.hypot(tx - fx, ty - fy) || 1;
  const controlX = (fx + tx) / 2 + (-(ty - fy) / length) * bend * 2;
  const controlY = (fy + ty) / 2 + ((tx - fx) / length) * bend * 2;
  const [sx, sy] = border(from, controlX, controlY);
  const [ex, ey] = border(to, controlX, controlY);
  // Two-way pairs (challenge ⇄ required, enroll ⇄ activate) are drawn side by side.
  const reverse = EDGES.some(([a, b]) => a === to && b === from);
  const offset = reverse ? 5 : 0;
  const ox = (-(ty - fy) / length) * offset;
  const oy = ((tx - fx) / length) * offset;
  return `M ${(sx + ox).toFixed(1)} ${(sy + oy).toFixed(1)} Q ${(controlX + ox).toFixed(1)} ${(controlY + oy).toFixed(1)} ${(ex + ox).toFixed(1)} ${(ey + oy).toFixed(1)}`;
}

/** Scrolls `scroller` (the diagram's box, which scrolls sideways on a narrow screen) to centre `target` if it is out of view; the page itself never moves. */
function revealSideways(scroller, target) {
  if (!scroller || scroller.scrollWidth <= scroller.clientWidth) return;
  const box = target.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  if (box.left >= view.left && box.right <= view.right) return;
  scroller.scrollLeft += box.left - view.left - (view.width - box.width) / 2;
}

/**
 * Draws the diagram into `svg` and returns `show(path)`: highlights the last state of `path`
 * (an array of statuses, `NONE` for "no transaction") and marks the states and transitions taken.
 */
export function drawStateDiagram(svg) {
  const defs = element('defs', {}, svg);
  const marker = element('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
  element('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }, marker);
  const markerTaken = element('marker', { id: 'arrow-taken', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
  element('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head taken' }, markerTaken);

  const edges = new Map();
  const edgeLayer = element('g', { class: 'edges' }, svg);
  for (const [from, to, bend] of EDGES) {
    const path = element('path', { d: edgePath(from, to, bend), class: 'edge', 'marker-end': 'url(#arrow)', 'data-from': from, 'data-to': to }, edgeLayer);
    edges.set(`${from}>${to}`, path);
  }

  const nodes = new Map();
  const nodeLayer = element('g', { class: 'nodes' }, svg);
  for (const [name, [x, y, label]] of Object.entries(NODES)) {
    const group = element('g', { class: `node${name === 'NONE' ? ' start' : ''}`, 'data-state': name }, nodeLayer);
    element('rect', { x, y, width: WIDTH, height: HEIGHT, rx: 7 }, group);
    const text = element('text', { x: x + WIDTH / 2, y: y + HEIGHT / 2 + 4, 'text-anchor': 'middle' }, group);
    text.textContent = label;
    nodes.set(name, group);
  }

  return function show(path) {
    const current = path.at(-1) ?? 'NONE';
    const visited = new Set(path);
    for (const [name, group] of nodes) {
      group.classList.toggle('current', name === current);
      group.classList.toggle('visited', visited.has(name) && name !== current);
      if (name === current) group.setAttribute('aria-current', 'step');
      else group.removeAttribute('aria-current');
    }
    const taken = new Set();
    for (let index = 1; index < path.length; index += 1) taken.add(`${path[index - 1]}>${path[index]}`);
    for (const [key, edge] of edges) {
      const isTaken = taken.has(key);
      edge.classList.toggle('taken', isTaken);
      edge.setAttribute('marker-end', isTaken ? 'url(#arrow-taken)' : 'url(#arrow)');
    }
    const group = nodes.get(current);
    if (group) revealSideways(svg.parentElement, group);
    return current;
  };
}

/** The text of a state's box, which the caption repeats for the current state. */
export function stateLabel(name) {
  return NODES[name]?.[2] ?? name;
}

/** The states the diagram knows, for the inspector to map unknown statuses to. */
export const DIAGRAM_STATES = Object.keys(NODES);
