'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const WebSocket = require('ws');
const dl = require('./support/directline');

async function converse(connection, token, text, clientActivityID) {
  const id = await connection.post({ type: 'message', from: { id: 'whoever' }, text, channelData: { clientActivityID } });
  assert.notEqual(id, 'retry', 'the POST must succeed, not ask DirectLineJS to retry');
  const echo = await connection.waitFor((a) => a.id === id, `the echo of ${id}`);
  assert.equal(echo.channelData.clientActivityID, clientActivityID);
  assert.equal(echo.from.id, dl.userIdOf(token));
  assert.equal(echo.text, text);
  await connection.waitFor(dl.isReplyTo(id), `the reply to ${id}`);
  return id;
}

for (const webSocket of [true, false]) {
  test(`start, greeting, send and receive over ${webSocket ? 'WebSocket' : 'polling'}`, async () => {
    const { token } = await dl.generateToken();
    const connection = dl.connect({ token, webSocket });
    try {
      await connection.waitFor(dl.isGreeting, 'the greeting');
      await connection.waitForStatus(dl.ConnectionStatus.Online);
      await converse(connection, token, 'Bonjour, ma facture est fausse', 'c-1');
      await converse(connection, token, 'Et aussi mon Ibox', 'c-2');
      const ids = connection.activities.map((a) => a.id);
      assert.equal(new Set(ids).size, ids.length, 'no activity is delivered twice');
      assert.equal(typeof connection.directLine.watermark, 'string');
    } finally {
      connection.end();
    }
  });
}

test('resuming with a watermark delivers what was missed, once, and nothing before it', async () => {
  const { token, conversationId } = await dl.generateToken();
  const first = dl.connect({ token, webSocket: true });
  await first.waitFor(dl.isGreeting, 'the greeting');
  await converse(first, token, 'premier message', 'r-1');
  const watermark = first.directLine.watermark;
  const seen = new Set(first.activities.map((a) => a.id));
  first.end();

  const missed = await dl.rest('POST', `/conversations/${conversationId}/activities`, {
    token,
    body: JSON.stringify({ type: 'message', text: 'pendant la coupure', from: { id: 'x' } })
  });
  assert.equal(missed.status, 200);

  for (const webSocket of [true, false]) {
    const resumed = dl.connect({ token, conversationId, watermark, webSocket });
    try {
      await resumed.waitFor(
        (a) => dl.isReplyTo(missed.json.id)(a) && a.inputHint !== 'ignoringInput',
        'the end of the reply to the missed message'
      );
      // Activities arrive in watermark order: once a later message has its reply, anything still to come for the
      // earlier ones (a replay, a duplicate) would already be here.
      await converse(resumed, token, 'après la reprise', `r-after-${webSocket ? 'socket' : 'polling'}`);
      const ids = resumed.activities.map((a) => a.id);
      assert.ok(ids.includes(missed.json.id), 'the message sent while away arrives');
      assert.equal(new Set(ids).size, ids.length, 'nothing arrives twice');
      assert.deepEqual(ids.filter((id) => seen.has(id)), [], 'nothing from before the watermark is replayed');
    } finally {
      resumed.end();
    }
  }

  const fromScratch = dl.connect({ token, conversationId, webSocket: true });
  try {
    await fromScratch.waitFor(dl.isReplyTo(missed.json.id), 'the whole history');
    assert.ok(fromScratch.activities.some(dl.isGreeting), 'resuming without a watermark replays the history');
  } finally {
    fromScratch.end();
  }
});

test('several sockets on one conversation all receive, and typing reaches sockets only', async () => {
  const { token, conversationId } = await dl.generateToken();
  const one = dl.connect({ token, webSocket: true });
  await one.waitFor(dl.isGreeting, 'the greeting');
  const two = dl.connect({ token, conversationId, webSocket: true });
  const polling = dl.connect({ token, conversationId, webSocket: false });
  try {
    await two.waitFor(dl.isGreeting, 'the greeting on the second socket');
    await polling.waitFor(dl.isGreeting, 'the greeting by polling');
    const typingId = await one.post({ type: 'typing', from: { id: 'x' } });
    await two.waitFor((a) => a.type === 'typing' && a.id === typingId, 'typing on the other socket');
    const id = await converse(one, token, 'deux onglets', 't-1');
    await two.waitFor((a) => a.id === id, 'the echo on the second socket');
    await polling.waitFor(dl.isReplyTo(id), 'the reply by polling');
    assert.ok(!polling.activities.some((a) => a.type === 'typing'), 'polling never returns typing');
  } finally {
    [one, two, polling].forEach((c) => c.end());
  }
});

test('a refreshed token keeps the conversation; a bad token fails to connect', async () => {
  const { token, conversationId } = await dl.generateToken();
  const start = dl.connect({ token, webSocket: true });
  await start.waitFor(dl.isGreeting, 'the greeting');
  start.end();

  const refreshed = await dl.rest('POST', '/tokens/refresh', { token });
  assert.equal(refreshed.status, 200);
  assert.equal(refreshed.json.conversationId, conversationId);
  assert.notEqual(refreshed.json.token, token);
  assert.equal(dl.userIdOf(refreshed.json.token), dl.userIdOf(token));

  const resumed = dl.connect({ token: refreshed.json.token, conversationId, webSocket: true });
  try {
    await converse(resumed, refreshed.json.token, 'avec le nouveau jeton', 'f-1');
  } finally {
    resumed.end();
  }

  const bad = dl.connect({ token: token.slice(0, -3) + 'xyz', conversationId, webSocket: true });
  try {
    await bad.waitForStatus(dl.ConnectionStatus.FailedToConnect);
    await dl.waitUntil(() => bad.errors.length > 0, 'the connection error');
    assert.equal(bad.errors[0].status, 401);
  } finally {
    bad.end();
  }
});

test('upload: DirectLineJS posts files as multipart and the echo links to downloadable copies', async () => {
  const files = { '/capture.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 8, 7]), '/notes.txt': Buffer.from('journal') };
  const server = http.createServer((request, response) => {
    response.end(files[request.url]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const local = `http://127.0.0.1:${server.address().port}`;
  const { token } = await dl.generateToken();
  const connection = dl.connect({ token, webSocket: true });
  try {
    await connection.waitFor(dl.isGreeting, 'the greeting');
    const id = await connection.post({
      type: 'message',
      from: { id: 'x' },
      text: 'voici la capture',
      channelData: { clientActivityID: 'u-1' },
      attachments: [
        { contentType: 'image/png', contentUrl: `${local}/capture.png`, name: 'capture.png' },
        { contentType: 'text/plain', contentUrl: `${local}/notes.txt`, name: 'notes.txt' }
      ]
    });
    assert.notEqual(id, 'retry');
    const echo = await connection.waitFor((a) => a.id === id, 'the echo of the upload');
    assert.equal(echo.channelData.clientActivityID, 'u-1');
    assert.deepEqual(echo.attachments.map((a) => a.name), ['capture.png', 'notes.txt']);
    for (const attachment of echo.attachments) {
      const download = await fetch(attachment.contentUrl);
      assert.equal(download.status, 200);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), files[`/${attachment.name}`]);
    }
  } finally {
    connection.end();
    server.close();
  }
});

test('error codes and bodies', async () => {
  const { token, conversationId } = await dl.generateToken();
  const other = await dl.generateToken();
  assert.equal((await dl.rest('POST', '/conversations', { token, body: '{"user":{}}' })).status, 201);
  assert.equal((await dl.rest('POST', '/conversations', { token, body: '{"user":{}}' })).status, 200);
  assert.equal((await dl.rest('POST', '/conversations', { token: other.token, body: '{}' })).status, 201);

  const cases = [
    ['POST', '/tokens/generate', {}, 401, 'Unauthorized'],
    ['GET', `/conversations/${conversationId}/activities`, {}, 401, 'Unauthorized'],
    ['GET', `/conversations/${conversationId}/activities`, { token: other.token }, 403, 'Forbidden'],
    ['GET', '/conversations/unknown-conversation', { token: dl.secret }, 404, 'NotFound'],
    ['POST', `/conversations/${conversationId}/activities`, { token, body: '{"type":' }, 400, 'BadSyntax'],
    ['POST', `/conversations/${conversationId}/activities`, { token, body: '{"text":"x"}' }, 400, 'MissingProperty'],
    ['POST', `/conversations/${conversationId}/activities`, { token, body: JSON.stringify({ type: 'message', text: 'a'.repeat(300000) }) }, 413, 'MessageSizeTooBig']
  ];
  for (const [method, path, options, status, code] of cases) {
    const response = await dl.rest(method, path, options);
    assert.equal(response.status, status, `${method} ${path}`);
    assert.equal(response.json.error.code, code, `${method} ${path}`);
    assert.ok(response.json.error.message);
  }
});

test('the stream sends empty keep-alive frames and ignores what the client sends', async () => {
  const { token } = await dl.generateToken();
  const started = await dl.rest('POST', '/conversations', { token, body: '{"user":{}}' });
  const socket = new WebSocket(started.json.streamUrl);
  const frames = [];
  socket.on('message', (data) => frames.push(data.toString()));
  await new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('error', reject);
  });
  try {
    socket.send('');
    socket.send('not json at all');
    await dl.waitUntil(() => frames.includes(''), 'an empty keep-alive frame', 5000);
    const sets = frames.filter((frame) => frame !== '').map((frame) => JSON.parse(frame));
    assert.ok(sets.every((set) => Array.isArray(set.activities)), 'every non-empty frame is an ActivitySet');
    assert.ok(sets.some((set) => set.activities.some(dl.isGreeting) && typeof set.watermark === 'string'));
    assert.equal(socket.readyState, WebSocket.OPEN);
  } finally {
    socket.close();
  }
});
