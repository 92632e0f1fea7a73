'use strict';
// A parent bot calling the assistant as a skill through the real botbuilder SDK: its HTTP client posts activities
// with deliveryMode "expectReplies" and reads the turn's replies from the response body, posts an invoke the
// assistant does not implement, then a message with normal delivery, whose replies must come through the Connector
// (botbuilder's channel-service routes). Each step is printed as a JSON line on stdout.
const express = require('express');
const { BotFrameworkHttpClient, ChannelServiceHandler, ChannelServiceRoutes } = require('botbuilder');
const { AuthenticationConfiguration, SimpleCredentialProvider } = require('botframework-connector');

const botUrl = process.env.BOT_URL;
const conversationId = 'parent-' + Date.now().toString(36);
const received = []; // what reached the Connector: { activityId, activity }
const waiters = [];

class Connector extends ChannelServiceHandler {
  async onReplyToActivity(_claims, _conversation, activityId, activity) {
    return this.record(activityId, activity);
  }

  async onSendToConversation(_claims, _conversation, activity) {
    return this.record(null, activity);
  }

  record(activityId, activity) {
    if (activity.type === 'message') {
      received.push({ activityId, activity });
      console.error(`connector (${activityId}): ${activity.text}`);
      waiters.slice().forEach((w) => w());
    }
    return { id: 'c-' + received.length };
  }
}

function waitFor(predicate, what, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = received.find(predicate);
      if (found) {
        waiters.splice(waiters.indexOf(check), 1);
        clearTimeout(timer);
        resolve(found);
      }
    };
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), timeoutMs);
    waiters.push(check);
    check();
  });
}

function step(name, data) {
  console.log(JSON.stringify({ step: name, ...data }));
}

function summary(response, id) {
  const activities = (response.body && response.body.activities) || [];
  activities.forEach((a) => console.error(`response (${id}): ${a.text}`));
  return {
    status: response.status,
    count: activities.length,
    texts: activities.map((a) => a.text || ''),
    slots: activities.map((a) => (a.channelData && a.channelData.slot) || null),
    allReplyTo: activities.every((a) => a.replyToId === id),
    allToUser: activities.every((a) => a.recipient && a.recipient.id === 'user-parent')
  };
}

async function main() {
  const credentials = new SimpleCredentialProvider('', '');
  const app = express();
  app.use(express.json());
  new ChannelServiceRoutes(new Connector(credentials, new AuthenticationConfiguration())).register(app);
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const serviceUrl = `http://127.0.0.1:${server.address().port}/`;
  const client = new BotFrameworkHttpClient(credentials);
  let sequence = 0;

  async function post(activity) {
    const id = 'p-' + ++sequence;
    const full = {
      channelId: 'emulator',
      serviceUrl,
      from: { id: 'user-parent', name: 'Paul Martin' },
      recipient: { id: 'assistant-skill', name: 'Assistant' },
      conversation: { id: conversationId },
      locale: 'fr-FR',
      ...activity,
      id
    };
    const response = await client.postActivity('', '', botUrl, serviceUrl, conversationId, full);
    return { id, response };
  }

  try {
    const opened = await post({ type: 'conversationUpdate', membersAdded: [{ id: 'user-parent' }], deliveryMode: 'expectReplies' });
    step('greeted', summary(opened.response, opened.id));

    const consented = await post({ type: 'message', text: 'Accepter et valider', deliveryMode: 'expectReplies' });
    step('consented', summary(consented.response, consented.id));

    const invoked = await post({ type: 'invoke', name: 'composeExtension/query', value: { commandId: 'search' } });
    step('invoked', { status: invoked.response.status, body: JSON.stringify(invoked.response.body || null) });

    // Normal delivery: the replies come through the Connector, and nothing of the expectReplies turns ever did.
    const normal = await post({ type: 'message', text: 'Mon espace client ne s\'ouvre plus depuis ce matin.' });
    const response = normal.response.status;
    await waitFor((r) => r.activityId === normal.id && r.activity.inputHint !== 'ignoringInput', 'the reply through the Connector');
    step('delivered', {
      status: response,
      throughConnector: received.filter((r) => r.activityId === normal.id).length,
      others: received.filter((r) => r.activityId !== normal.id).map((r) => `${r.activityId}: ${r.activity.text}`)
    });
  } finally {
    server.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  }
);
