// Drives one of Customer.io's official client libraries (or Segment's, which the Pipelines API is
// compatible with) against a Preflight sandbox, with the library's default batching and retries, and
// prints what the library reported for every call as one JSON object. TestConformance asserts the
// outcome through the sandbox's query API; this script only drives and reports.
//
//   node drive.mjs LIBRARY ORIGIN RUN [--probes N]
//     LIBRARY  customerio-node | cdp-analytics-node | segment-analytics-node
//     ORIGIN   the sandbox, e.g. http://127.0.0.1:8089
//     RUN      a word that makes this run's people unique
//     --probes N  also send N "fault_probe" events (for a sandbox with injected faults)

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [library, origin, run, ...rest] = process.argv.slice(2);
const probes = rest[0] === '--probes' ? Number(rest[1]) : 0;
if (!library || !origin || !run || Number.isNaN(probes)) {
    console.error('usage: node drive.mjs LIBRARY ORIGIN RUN [--probes N]');
    process.exit(2);
}

// The sandbox's well-known test credentials (sandboxTestCredentials in core/api).
const credentials = {
    siteId: 'preflight-site',
    apiKey: 'preflight-api-key',
    writeKey: 'preflight-write-key',
    appKey: 'preflight-app-key',
};

const person = `conf-${run}-${library}`;
const report = {
    library,
    person,
    email: `${person}@example.com`,
    anonymousId: `anon-${run}-${library}`,
    aliasedAnonymousId: `anon2-${run}-${library}`,
    calls: [],
};

function record(call, error, extra = {}) {
    const entry = { call, ok: !error, ...extra };
    if (error) {
        entry.error = String(error.message ?? error);
        if (error.statusCode !== undefined)
            entry.status = error.statusCode;
    }
    report.calls.push(entry);
}

async function settle(call, promise, extra) {
    try {
        await promise;
        record(call, null, extra);
    } catch (error) {
        record(call, error, extra);
    }
}

// Track API v1 and the App API through customerio-node: every method is a promise that rejects with the
// answer's status when it is not 2xx. The library does not retry.
async function driveCustomerioNode() {
    // customerio-node speaks only HTTPS on the URL's host (it calls https.request with the hostname and
    // path, and passes its other settings through as request options): the port is one of those settings,
    // and since the sandbox serves plain HTTP on loopback, http.request stands in for https.request. It
    // takes the same options and puts the same request on the wire, without TLS.
    require('node:https').request = require('node:http').request;
    const { TrackClient, APIClient } = require('customerio-node');
    const port = Number(new URL(origin).port);
    const settings = (path) => ({ url: `${origin}${path}`, port });
    const track = new TrackClient(credentials.siteId, credentials.apiKey, settings('/api/v1'));
    await settle('trackAnonymous product_viewed',
                 track.trackAnonymous(report.anonymousId,
                                      { name: 'product_viewed', data: { product_id: 'sku-881', price: 34 } }));
    await settle('identify',
                 track.identify(person, {
                     email: report.email,
                     anonymous_id: report.anonymousId,
                     created_at: Math.floor(Date.now() / 1000),
                     accepts_marketing: true,
                 }));
    await settle('track added_to_cart',
                 track.track(person, {
                     name: 'added_to_cart',
                     data: { cart_id: `cart-${run}`, cart_value: 68, currency: 'USD', items: [{ sku: 'sku-881' }] },
                 }));
    await settle('track order_completed',
                 track.track(person, {
                     name: 'order_completed',
                     data: { order_id: `order-${run}`, cart_id: `cart-${run}`, revenue: 68, currency: 'USD' },
                 }));
    await settle('trackPageView', track.trackPageView(person, '/thanks'));
    await settle('addDevice', track.addDevice(person, `device-${run}`, 'ios'));
    await settle('trackPush opened',
                 track.trackPush({ delivery_id: `delivery-${run}`, event: 'opened', device_id: `device-${run}`,
                                   timestamp: Math.floor(Date.now() / 1000) }));
    for (let i = 0; i < probes; ++i)
        await settle('track fault_probe', track.track(person, { name: 'fault_probe', data: { n: i } }), { n: i });
    if (probes > 0)
        return;
    await settle('track oversized',
                 track.track(person, { name: 'too_big', data: { blob: 'x'.repeat(100_001) } }));
    const wrong = new TrackClient(credentials.siteId, 'not-the-key', settings('/api/v1'));
    await settle('identify with a wrong key', wrong.identify(`${person}-wrong`, { email: 'wrong@example.com' }));
    const app = new APIClient(credentials.appKey, settings('/v1'));
    try {
        const attributes = await app.getAttributes(person);
        record('App API getAttributes', null, { attributes: attributes.customer?.attributes ?? null });
    } catch (error) {
        record('App API getAttributes', error);
    }
}

// The Pipelines API through a Segment-style analytics-node: calls are queued and sent in batches
// (/v1/batch) by the library, which retries; each call's callback says whether it was delivered.
async function drivePipelines(Analytics, settings) {
    const analytics = new Analytics({ writeKey: credentials.writeKey, host: origin, ...settings });
    const pending = [];
    const call = (name, method, message, extra) => {
        pending.push(new Promise((resolve) => {
            analytics[method](message, (error) => {
                record(name, error, extra);
                resolve();
            });
        }));
    };
    call('track product_viewed (anonymous)', 'track',
         { anonymousId: report.anonymousId, event: 'product_viewed', properties: { product_id: 'sku-881', price: 34 } });
    call('identify', 'identify',
         { userId: person, anonymousId: report.anonymousId, traits: { email: report.email, accepts_marketing: true } });
    call('track product_viewed (second visitor)', 'track',
         { anonymousId: report.aliasedAnonymousId, event: 'product_viewed', properties: { product_id: 'sku-12' } });
    call('alias', 'alias', { userId: person, previousId: report.aliasedAnonymousId });
    call('track added_to_cart', 'track', {
        userId: person,
        event: 'added_to_cart',
        properties: { cart_id: `cart-${run}`, cart_value: 68, currency: 'USD', items: [{ sku: 'sku-881' }] },
    });
    call('track order_completed', 'track', {
        userId: person,
        event: 'order_completed',
        properties: { order_id: `order-${run}`, cart_id: `cart-${run}`, revenue: 68, currency: 'USD' },
    });
    call('page', 'page', { userId: person, name: 'Checkout' });
    for (let i = 0; i < probes; ++i)
        call('track fault_probe', 'track', { userId: person, event: 'fault_probe', properties: { n: i } }, { n: i });
    if (probes === 0) {
        // An account the person belongs to: Customer.io makes a group an object (type 1 by default).
        call('group', 'group', {
            userId: person,
            groupId: `acct-${run}`,
            traits: { name: 'Acme', plan: 'pro', relationshipAttributes: { role: 'buyer' } },
        });
        call('track oversized', 'track',
             { userId: person, event: 'too_big', properties: { blob: 'x'.repeat(40_000) } });
    }
    await Promise.all(pending);
    await analytics.closeAndFlush({ timeout: 30_000 });
    if (probes === 0) {
        // A wrong write key: Customer.io (and the sandbox without strict mode) answers 200 and drops it.
        const wrong = new Analytics({ writeKey: 'not-the-key', host: origin, ...settings });
        await new Promise((resolve) => {
            wrong.identify({ userId: `${person}-wrong`, traits: {} }, (error) => {
                record('identify with a wrong key', error);
                resolve();
            });
        });
        await wrong.closeAndFlush({ timeout: 30_000 });
    }
}

try {
    switch (library) {
    case 'customerio-node':
        await driveCustomerioNode();
        break;
    case 'cdp-analytics-node': {
        const { Analytics } = require('@customerio/cdp-analytics-node');
        await drivePipelines(Analytics, {});
        break;
    }
    case 'segment-analytics-node': {
        const { Analytics } = require('@segment/analytics-node');
        await drivePipelines(Analytics, { path: '/v1/batch' });
        break;
    }
    default:
        console.error(`unknown library ${library}`);
        process.exit(2);
    }
} catch (error) {
    console.error(`${library}: ${error.stack ?? error}`);
    process.exit(1);
}
console.log(JSON.stringify(report));
