/** The API of both the package and the browser build: the element, its events, messages and view contract. */
export { OktaAuthn } from './okta-authn.js';
export * from './events.js';
export { createTranslator, formatMessage, loadLocale, registerLocale } from './i18n/index.js';
export type { MessageKey, MessageParams, Messages, LocaleSource, Translate } from './i18n/index.js';
export { describeError } from './error-messages.js';
export type { DisplayError } from './error-messages.js';
export { ChunkLoadError } from './registry.js';
export { LocaleLoadError } from './locales.js';
export { ConfigurationError, SessionEndpointError, UnsafeLinkError } from './session.js';
export type { FactorModule, FactorStep, LocalViewName, Notice, RunOptions, View, ViewFactory, WidgetConfig, WidgetContext } from './views/types.js';
