// The one definition of how every browser test in the monorepo starts Chromium: the widget's
// web-test-runner and CSP tests, and the demo's end-to-end tests and screenshots.

/** Debian's Chromium (`apt-get install -y chromium`), never a browser a test tool downloads. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, no sandbox (CI runs as root), and none of the background traffic a closed network refuses. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
