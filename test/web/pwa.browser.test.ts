// Issue 12: installable on a phone's home screen. The manifest has what a browser needs to offer
// "add to home screen" (name, start URL, standalone display, 192 and 512 px icons), the service worker
// takes control, and with the network gone the installed app still opens its shell (the API is never
// cached: the product list then shows its error state, not stale prices).

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHeading, launchBrowser, openPage, type WebPage } from '../support/browser.js';
import { newStoreUrl } from '../support/mall.js';
import { type ServeProcess, startServe } from '../support/server.js';

describe('the storefront as an installable app', () => {
  let server: ServeProcess;
  let browser: Browser;
  let web: WebPage;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      newStoreUrl('sqlite').then((url) => startServe(url, { TOKENMALL_DIVIDEND_TIME: 'off' })),
      launchBrowser(),
    ]);
    web = await openPage(browser, server.url, { serviceWorkers: 'allow' });
  });
  afterAll(async () => {
    await web?.close();
    await browser?.close();
    await server?.stop();
  });

  it('links a manifest a phone can install from', async () => {
    await web.goto('/');
    const href = await web.page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBe('/manifest.webmanifest');
    const manifest = (await (await fetch(new URL(href!, server.url))).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { sizes: string; src: string }[];
    };
    expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
    expect(manifest.name).toContain('Tokenmall');
    const sizes = manifest.icons.map((icon) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, server.url));
      expect(response.status, icon.src).toBe(200);
    }
  });

  it('opens its shell from the service worker when the network is gone', async () => {
    const { page, context } = web;
    await web.goto('/');
    await page.locator('.product-card').first().waitFor();
    // The worker installs, caches the shell and claims the page.
    const controlled = await page.evaluate(async () => {
      const nav = (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<unknown> } } })
        .navigator;
      await nav.serviceWorker.ready;
      return true;
    });
    expect(controlled).toBe(true);
    // One online reload, so the hashed assets pass through the worker and are kept.
    await page.reload();
    await page.locator('.product-card').first().waitFor();

    await context.setOffline(true);
    try {
      await page.reload();
      await expectHeading(page, '精选葡萄酒');
      await page.getByRole('navigation', { name: '主导航' }).waitFor();
      // Offline for real: the product list (the API, never cached) shows its error, not old prices.
      await page.locator('.state-error[role="alert"]').first().waitFor();
      expect(await page.locator('.product-card').count()).toBe(0);
      await web.screenshot('pwa-offline-shell');
    } finally {
      await context.setOffline(false);
    }
  });
});
