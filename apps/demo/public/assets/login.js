// The login page's demo extras: the flow inspector and, on the simulator, the device panel and the demo users table.
// This module runs before the widget bundle, so the widget receives the inspector's fetch
// before it sends its first request (a recovery-token page sends one right away).

import { wireDemoUsers } from './demo-users.js';
import { createDevicePanel } from './device-panel.js';
import { createFlowInspector } from './flow-inspector.js';
import { keepHeight } from './steady-height.js';

const widget = document.querySelector('okta-authn');
const inspectorRoot = document.getElementById('flow-inspector');
const deviceRoot = document.getElementById('device-panel');

if (widget && inspectorRoot) {
  const inspector = createFlowInspector({ root: inspectorRoot, orgUrl: widget.getAttribute('base-url') });
  // Set before the element upgrades: Lit keeps properties set on a not-yet-defined element.
  widget.fetch = inspector.fetch;
  widget.addEventListener('okta-authn-state', (event) => inspector.state(event.detail.status));
  customElements.whenDefined('okta-authn').then(() => {
    const properties = widget.constructor.elementProperties;
    if (properties instanceof Map && properties.has('fetch')) {
      if (widget.fetch !== inspector.fetch) widget.fetch = inspector.fetch;
    } else {
      if (Object.hasOwn(widget, 'fetch')) delete widget.fetch;
      inspector.unavailable();
    }
  });
}

const stageRoot = document.getElementById('signin-stage');
if (widget && stageRoot) {
  const stage = keepHeight(stageRoot, widget);
  document.addEventListener('demo-authn-request', (event) => {
    if (event.detail.startsFlow) stage.reset();
  });
}

const panel = widget && deviceRoot ? createDevicePanel({ root: deviceRoot, widget }) : undefined;

const usersRoot = document.querySelector('.users');
if (widget && usersRoot) {
  wireDemoUsers({ root: usersRoot, widget, status: usersRoot.querySelector('#users-status'), onPick: (login) => panel?.follow(login) });
}
