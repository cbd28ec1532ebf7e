/** The browser build's folder. */
export declare const BROWSER_DIR: string;
/** The entry, the file of the one `<script type="module">` tag. */
export declare const ENTRY: string;
/** Every file of the browser build (source maps included), as paths relative to it with `/`. */
export declare function browserFiles(): Promise<string[]>;
/** The relative modules a built file imports statically, never `import()`. */
export declare function staticImports(source: string): string[];
/** A file of the build and every file it imports statically, transitively. */
export declare function staticGraph(start: string): Promise<Set<string>>;
/** The entry and every file it imports statically, transitively: what loads before the first form. */
export declare function entryFiles(): Promise<Set<string>>;
/** The build's scripts with their gzip sizes: before the first form, and everything in English. */
export declare function measureSizes(): Promise<{ gzip: Map<string, number>; english: string[]; files: number; entryFiles: number; entryBytes: number; totalBytes: number; languages: number }>;
