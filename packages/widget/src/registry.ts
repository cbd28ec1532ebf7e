import { AuthnError, currentFactor, factorsOf } from '@okta-authn/core';
import type { Factor, Transaction, TransactionStatus } from '@okta-authn/core';
import type { CSSResult } from 'lit';
import { addEnglish } from './i18n/index.js';
import type { Messages } from './i18n/index.js';
import type { FactorModule, FactorStep, LocalViewName, View, ViewFactory, WidgetContext } from './views/types.js';

/**
 * Which module serves which transaction state, local view and factor type, and how each is loaded.
 * `chunks.ts` fills it; the element asks it for a state's view and the views ask it for factor
 * modules. Nothing here imports a view or a factor module: they arrive with their chunks.
 */

/** A chunk of views that could not be loaded (network, blocked, a file missing from a deployment); `code` is `CHUNK_LOAD_FAILED`. */
export class ChunkLoadError extends AuthnError {
  /** The chunk's name (`mfa`, `push`…). */
  readonly chunk: string;

  constructor(chunk: string, options?: { cause?: unknown }) {
    super('CHUNK_LOAD_FAILED', `The ${chunk} views could not be loaded`, options);
    this.name = 'ChunkLoadError';
    this.chunk = chunk;
  }
}

/** A group of views or factor modules loaded together: the entry's own, or a chunk of the build loaded on demand. */
export class Chunk<M = unknown> {
  #loaded: M | undefined;
  #pending: Promise<M> | undefined;
  #failures = 0;
  readonly #importer: () => Promise<M>;
  readonly #retryUrl: string | undefined;

  /**
   * @param name - The chunk's name, also its file: `chunks/<name>.js` beside the module that declared it.
   * @param importer - `() => import('./chunks/<name>.js')`, written out so bundlers split there too.
   * @param retryUrl - The chunk's URL, to import again with a query after a failure: browsers keep a failed module import for good.
   */
  constructor(
    readonly name: string,
    importer: () => Promise<M>,
    retryUrl?: string,
  ) {
    this.#importer = importer;
    this.#retryUrl = retryUrl;
  }

  /** A chunk that is part of the entry: loaded from the start. */
  static of<M>(name: string, module: M): Chunk<M> {
    const chunk = new Chunk<M>(name, () => Promise.resolve(module) as Promise<M>);
    chunk.#loaded = module;
    return chunk;
  }

  /** The module, once loaded. */
  get module(): M | undefined {
    return this.#loaded;
  }

  /** Loads the chunk once; after a failure, the next call tries again (with a fresh URL when the browser kept the failure). */
  load(): Promise<M> {
    if (this.#loaded) return Promise.resolve(this.#loaded);
    if (this.#pending) return this.#pending;
    const fresh = this.#retryUrl && this.#failures > 0 ? `${this.#retryUrl}?retry=${this.#failures}` : undefined;
    // The importer again first (a bundler's loader, or a browser that did not keep the failure), then the fresh URL.
    const attempt = fresh ? this.#importer().catch(() => import(/* @vite-ignore */ /* webpackIgnore: true */ fresh) as Promise<M>) : this.#importer();
    this.#pending = attempt.then(
      (module) => {
        // A chunk brings the English and the styles of its views.
        const { english, styles } = module as { english?: Messages; styles?: CSSResult | readonly CSSResult[] };
        if (english) addEnglish(english);
        const fresh = [styles ?? []].flat().filter((sheet) => !sheets.includes(sheet));
        if (fresh.length) {
          sheets.push(...fresh);
          for (const listener of styleListeners) listener();
        }
        this.#loaded = module as M;
        this.#pending = undefined;
        return module;
      },
      (error: unknown) => {
        this.#pending = undefined;
        this.#failures += 1;
        throw new ChunkLoadError(this.name, { cause: error });
      },
    );
    return this.#pending;
  }
}

/** The style sheets of the chunks loaded so far, in load order: each element adopts them before it shows their views. */
const sheets: CSSResult[] = [];

const styleListeners = new Set<() => void>();

/** The style sheets the loaded chunks brought (a chunk exports `styles`); grows as chunks load. */
export function chunkStyles(): readonly CSSResult[] {
  return sheets;
}

/** Calls `listener` whenever a chunk brings new style sheets (a prefetch included); returns the way to stop. */
export function onChunkStyles(listener: () => void): () => void {
  styleListeners.add(listener);
  return () => void styleListeners.delete(listener);
}

/** The name of an export of `M` that is a `T`. */
type ExportOf<M, T> = { [K in keyof M]: M[K] extends T ? K : never }[keyof M];

/** What a chunk serves, each by the name of the chunk's export that serves it. */
export interface Serves<M> {
  /** Transaction states and the view factory of each. */
  states?: { [S in TransactionStatus]?: ExportOf<M, ViewFactory> };
  /** Local views (no transaction) and the view factory of each. */
  locals?: { [L in LocalViewName]?: ExportOf<M, ViewFactory> };
  /** Factor types and the module of each. */
  factors?: Record<string, ExportOf<M, FactorModule>>;
  /** The view of any state without its own, and the module of any factor type without its own (or a step it lacks). */
  fallbacks?: { state: ExportOf<M, ViewFactory>; factor: ExportOf<M, FactorModule> };
}

/** An export of a chunk: usable once the chunk is loaded. */
interface Served {
  chunk: Chunk;
  name: PropertyKey;
}

const states = new Map<string, Served>();
const locals = new Map<string, Served>();
const factorTypes = new Map<string, Served>();
let fallbackState: Served | undefined;
let fallbackFactor: Served | undefined;

/** The export, or `undefined` while its chunk is not loaded. */
function ready<T>(served: Served | undefined): T | undefined {
  return (served?.chunk.module as Record<PropertyKey, T> | undefined)?.[served!.name];
}

/** Declares what `chunk` serves. */
export function serve<M>(chunk: Chunk<M>, serves: Serves<M>): void {
  const add = (map: Map<string, Served>, names: object = {}): void => {
    for (const [key, name] of Object.entries(names)) map.set(key, { chunk, name });
  };
  add(states, serves.states);
  add(locals, serves.locals);
  add(factorTypes, serves.factors);
  if (serves.fallbacks) {
    fallbackState = { chunk, name: serves.fallbacks.state };
    fallbackFactor = { chunk, name: serves.fallbacks.factor };
  }
}

/**
 * Identity of the view for a transaction: the element keeps the view while this stays the same
 * (so typed input and view state survive a re-sent code) and creates a new one when it changes.
 */
export function viewKey(tx: Transaction | undefined, local: LocalViewName): string {
  if (!tx) return `local:${local}`;
  if (tx.status === 'MFA_CHALLENGE' || tx.status === 'MFA_ENROLL_ACTIVATE') {
    const factor = currentFactor(tx);
    return `${tx.status}:${factor?.id ?? factor?.factorType ?? ''}`;
  }
  return tx.status;
}

function stateEntry(tx: Transaction | undefined, local: LocalViewName): Served | undefined {
  if (!tx) return locals.get(local) ?? locals.get('primary');
  return states.get(tx.status) ?? fallbackState;
}

/** Every factor the transaction shows: the listed ones and the current one. */
function factorsShown(tx: Transaction | undefined): Factor[] {
  if (!tx) return [];
  const current = currentFactor(tx);
  return current ? [...factorsOf(tx), current] : factorsOf(tx);
}

/** The chunks a transaction (or local view) needs: its view's and those of every factor it lists, not yet loaded. */
export function chunksFor(tx: Transaction | undefined, local: LocalViewName): Chunk[] {
  const needed = new Set<Chunk>();
  const view = stateEntry(tx, local);
  if (view) needed.add(view.chunk);
  for (const factor of factorsShown(tx)) {
    const entry = factorTypes.get(factor.factorType) ?? fallbackFactor;
    if (entry) needed.add(entry.chunk);
  }
  return [...needed].filter((chunk) => chunk.module === undefined);
}

/** Loads every chunk the transaction (or local view) needs; rejects with a {@link ChunkLoadError}. */
export async function prepare(tx: Transaction | undefined, local: LocalViewName): Promise<void> {
  await Promise.all(chunksFor(tx, local).map((chunk) => chunk.load()));
}

/** The view factory of a transaction (or local view), or `undefined` while a chunk it needs is not loaded. */
export function viewFactory(tx: Transaction | undefined, local: LocalViewName): ViewFactory | undefined {
  if (chunksFor(tx, local).length > 0) return undefined;
  return ready<ViewFactory>(stateEntry(tx, local));
}

/** Loads the chunks in the background, ignoring failures (a later {@link prepare} tries again and reports). */
export function prefetch(chunks: readonly Chunk[]): void {
  for (const chunk of chunks) chunk.load().catch(() => undefined);
}

/** True when a local view is declared (links to it are shown only then). */
export function hasLocalView(name: LocalViewName): boolean {
  return locals.has(name);
}

function fallback(): FactorModule {
  const module = ready<FactorModule>(fallbackFactor);
  if (!module) throw new TypeError('No fallback factor module is declared');
  return module;
}

/** The module of a factor (loaded with the transaction that lists it), or the fallback for types without one. */
export function factorModule(factor: Factor): FactorModule {
  return ready<FactorModule>(factorTypes.get(factor.factorType)) ?? fallback();
}

/** The view of `step` for `factor`; the fallback's when the module lacks that step. */
export function factorView(ctx: WidgetContext, factor: Factor, step: FactorStep): View {
  const create = factorModule(factor)[step] ?? fallback()[step];
  if (!create) throw new TypeError(`No ${step} view for ${factor.factorType}`);
  return create(ctx, factor);
}
