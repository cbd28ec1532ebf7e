import express from 'express';
import { describe, expect, test, vi } from 'vitest';
import { buildApp } from './helpers/app.js';
import { describeCoreScenarios } from './helpers/core-scenarios.js';

// In this file `express` is Express 4 — for the test app and for the middleware's own imports, as in
// an app that installs Express 4 (the peer dependency allows ^4.21). The simulator keeps its own Express 5.
vi.mock('express', () => vi.importActual('express4'));

describe('Express 4', () => {
  test('the app and the middleware run on Express 4', async () => {
    expect('query' in express).toBe(true);
    const built = buildApp({ orgUrl: 'http://127.0.0.1:9' });
    try {
      expect(Object.getPrototypeOf(built.auth)).toBe(Object.getPrototypeOf(express.Router()));
    } finally {
      await built.close();
    }
  });
});

describeCoreScenarios('against the simulator on Express 4');
