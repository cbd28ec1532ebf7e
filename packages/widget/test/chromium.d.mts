/** Debian's Chromium (`apt-get install -y chromium`), never a browser a test tool downloads. */
export declare const CHROMIUM_PATH: string;
/** Headless, no sandbox (CI runs as root), and none of the background traffic a closed network refuses. */
export declare const CHROMIUM_ARGS: string[];
