'use strict';
// A Bot Framework channel on the far side of /api/messages, built from the real botbuilder SDK: its channel-service
// routes serve the Connector API the bot replies to (ReplyToActivity, SendToConversation), and its HTTP client posts
// the user's activities to the bot, as a parent bot does with a skill. The conversation files a ticket, waits for a
// proactive ticket update, then asks for a person and waits for the agent's reply. Each step is printed as a JSON line
// on stdout; the xunit test that started the bot acts as the support team in between (changes the ticket, accepts the
// handoff, writes as the agent).
const express = require('express');
const { BotFrameworkHttpClient, ChannelServiceHandler, ChannelServiceRoutes } = require('botbuilder');
const { AuthenticationConfiguration, SimpleCredentialProvider } = require('botframework-connector');

const botUrl = process.env.BOT_URL;
const agentText = process.env.AGENT_TEXT;
const conversationId = 'a:1x' + Date.now().toString(36) + ';messageid=1';
const referencePattern = /((?:DGS|ICN)-\d{4}-\d{6})/;
const answers = {
  consent: 'Accepter et valider',
  product: 'Espace client',
  category: 'Facturation',
  name: 'Claire Petit',
  email: 'claire.petit@example.fr',
  phone: '01 23 45 67 89',
  customerNumber: 'Pas client',
  confirmation: 'Confirmer'
};

const received = []; // { route, activityId, activity }
const waiters = [];

function record(route, activityId, activity) {
  if (activity.type !== 'message') {
    return;
  }
  received.push({ route, activityId, activity });
  console.error(`bot (${route}${activityId ? ' ' + activityId : ''}): ${activity.text}`);
  waiters.slice().forEach((w) => w());
}

class Connector extends ChannelServiceHandler {
  async onReplyToActivity(_claims, conversation, activityId, activity) {
    record('replyToActivity', activityId, { ...activity, conversationIdInPath: conversation });
    return { id: 'reply-' + received.length };
  }

  async onSendToConversation(_claims, conversation, activity) {
    record('sendToConversation', null, { ...activity, conversationIdInPath: conversation });
    return { id: 'sent-' + received.length };
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
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(check), 1);
      reject(new Error(`Timed out waiting for ${what}`));
    }, timeoutMs);
    waiters.push(check);
    check();
  });
}

function step(name, data) {
  console.log(JSON.stringify({ step: name, ...data }));
}

async function main() {
  const credentials = new SimpleCredentialProvider('', '');
  const app = express();
  app.use(express.json());
  new ChannelServiceRoutes(new Connector(credentials, new AuthenticationConfiguration())).register(app);
  app.use((req, res) => {
    if (!res.headersSent) {
      res.status(404).end();
    }
  });
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const serviceUrl = `http://127.0.0.1:${server.address().port}/`;
  const client = new BotFrameworkHttpClient(credentials);
  let sequence = 0;

  const user = { id: '29:1user-claire', name: 'Claire Petit', aadObjectId: '00000000-0000-0000-0000-0000000000aa' };
  const bot = { id: '28:bot-app', name: 'Assistant' };
  async function post(activity) {
    const full = {
      channelId: 'msteams',
      serviceUrl,
      from: user,
      recipient: bot,
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
      locale: 'fr-FR',
      ...activity,
      id: 'msg-' + ++sequence
    };
    const response = await client.postActivity('', '', botUrl, serviceUrl, conversationId, full);
    if (response.status !== 200 && response.status !== 202) {
      throw new Error(`The bot answered ${response.status} to ${full.type} ${full.id}`);
    }
    return full.id;
  }

  // A reply to one of our messages that ends the bot's turn (not marked ignoringInput).
  async function say(text, entities) {
    const id = await post({ type: 'message', text, entities });
    console.error(`user (${id}): ${text}`);
    const last = await waitFor((r) => r.activityId === id && r.activity.inputHint !== 'ignoringInput', `the answer to "${text}"`);
    return { id, last, replies: received.filter((r) => r.activityId === id) };
  }

  try {
    await post({ type: 'conversationUpdate', membersAdded: [bot, user] });
    await waitFor((r) => r.activity.channelData && r.activity.channelData.slot === 'consent', 'the consent prompt');

    // In Teams the bot is @mentioned in the text: the assistant must read the message without it.
    const mention = { type: 'mention', text: '<at>Assistant</at>', mentioned: { id: bot.id, name: bot.name } };
    let turn = await say('<at>Assistant</at> Ma facture de mars compte deux fois le même abonnement, merci de corriger.', [mention]);
    let reference = null;
    for (let i = 0; i < 15 && !reference; i++) {
      const filed = turn.replies.map((r) => /est enregistrée|is recorded/.test(r.activity.text || '') && referencePattern.exec(r.activity.text)).find(Boolean);
      if (filed) {
        reference = filed[1];
        break;
      }
      const slot = turn.last.activity.channelData && turn.last.activity.channelData.slot;
      if (!answers[slot]) {
        throw new Error(`No answer for slot "${slot}" after: ${turn.last.activity.text}`);
      }
      turn = await say(answers[slot]);
    }
    if (!reference) {
      throw new Error('No ticket after 15 messages');
    }
    const turnReplies = received.filter((r) => r.route === 'replyToActivity');
    step('filed', {
      reference,
      conversationId,
      replies: turnReplies.length,
      repliesAddressed: turnReplies.every((r) => r.activity.conversationIdInPath === conversationId && r.activity.recipient.id === user.id),
      suggestedActions: received.some((r) => r.activity.suggestedActions && r.activity.suggestedActions.actions.length > 0),
      nameOffered: received.some((r) => r.activity.channelData && r.activity.channelData.slot === 'name' &&
        r.activity.suggestedActions && r.activity.suggestedActions.actions.some((a) => a.title === user.name && a.value === user.name))
    });

    // The team changes the ticket: the user is told without having written anything (SendToConversation).
    const update = await waitFor((r) => r.route === 'sendToConversation' && r.activity.channelData && r.activity.channelData.ticketReference === reference, 'the ticket update');
    step('ticket-update', { text: update.activity.text, conversationIdInPath: update.activity.conversationIdInPath });

    // The handoff's notice is the handoff desk's, not the turn's: it comes as a new message of the conversation.
    const before = received.length;
    await post({ type: 'message', text: 'je veux parler à un conseiller' });
    const queued = await waitFor((r) => received.indexOf(r) >= before && /conseiller|agent/i.test(r.activity.text || ''), 'the handoff notice');
    step('handoff-requested', { text: queued.activity.text });

    const fromAgent = await waitFor((r) => r.route === 'sendToConversation' && (r.activity.text || '').includes(agentText), 'the agent\'s reply');
    step('agent-reply', { text: fromAgent.activity.text, fromBot: fromAgent.activity.from && fromAgent.activity.from.id });
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
