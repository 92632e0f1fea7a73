'use strict';
// Helpers around the real DirectLineJS client and the server under test (DL_BASE, DL_SECRET).
require('./polyfills');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const base = process.env.DL_BASE;
const secret = process.env.DL_SECRET;
if (!base || !secret) {
  throw new Error('DL_BASE and DL_SECRET must point at a running server (the xunit ProtocolTests start one).');
}
const domain = `${base}/v3/directline`;

async function rest(method, path, { token, body, headers } = {}) {
  const response = await fetch(`${domain}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && typeof body === 'string' ? { 'Content-Type': 'application/json' } : {}),
      ...headers
    },
    body
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function generateToken() {
  const { status, json } = await rest('POST', '/tokens/generate', { token: secret });
  if (status !== 200) {
    throw new Error(`tokens/generate answered ${status}`);
  }
  return json;
}

function userIdOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).user;
}

/** Opens a DirectLine and records every activity it delivers. */
function connect(options) {
  const directLine = new DirectLine({ domain, pollingInterval: 200, ...options });
  const activities = [];
  const statuses = [];
  const errors = [];
  const subscriptions = [
    directLine.activity$.subscribe(
      (activity) => activities.push(activity),
      (error) => errors.push(error)
    ),
    directLine.connectionStatus$.subscribe((status) => statuses.push(status))
  ];
  return {
    directLine,
    activities,
    statuses,
    errors,
    waitFor: (match, what) => waitUntil(() => activities.find(match), what),
    waitForStatus: (status) => waitUntil(() => statuses.includes(status), `connection status ${status}`),
    post: (activity) =>
      new Promise((resolve, reject) => {
        directLine.postActivity(activity).subscribe(resolve, reject);
      }),
    end() {
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      directLine.end();
    }
  };
}

async function waitUntil(probe, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

// The bot's opening message; the only place these tests look at reply wording.
const isGreeting = (activity) => activity.from.role === 'bot' && /Bonjour/.test(activity.text || '');
const isReplyTo = (id) => (activity) => activity.from.role === 'bot' && activity.replyToId === id && activity.type === 'message';

module.exports = { ConnectionStatus, base, domain, secret, rest, generateToken, userIdOf, connect, waitUntil, isGreeting, isReplyTo };
